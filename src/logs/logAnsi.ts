const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;

function inRange(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}

/** Index just past a control-sequence body (parameters, intermediates, final byte) starting at `from`. */
function skipCsiBody(text: string, from: number): number {
  let i = from;
  while (i < text.length && inRange(text.charCodeAt(i), 0x30, 0x3f)) i++;
  while (i < text.length && inRange(text.charCodeAt(i), 0x20, 0x2f)) i++;
  // A malformed sequence ends at the first byte that cannot belong to it; that byte is kept.
  if (i < text.length && inRange(text.charCodeAt(i), 0x40, 0x7e)) i++;
  return i;
}

/**
 * Index just past a control string (OSC, DCS, SOS, PM, APC) whose body starts at `from`. BEL ends
 * OSC in practice (xterm titles, hyperlinks); an unterminated string runs to the end of the line.
 */
function skipControlString(text: string, from: number, belEnds: boolean): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === C1_ST || (belEnds && code === BEL)) return i + 1;
    if (code === ESC && text.charCodeAt(i + 1) === 0x5c) return i + 2;
  }
  return text.length;
}

/** Index just past the escape sequence whose ESC is at `at`. */
function skipEscape(text: string, at: number): number {
  if (at + 1 >= text.length) return text.length;
  const next = text.charCodeAt(at + 1);
  switch (next) {
    case 0x5b: // [ CSI: colours, cursor moves, erase
      return skipCsiBody(text, at + 2);
    case 0x5d: // ] OSC
      return skipControlString(text, at + 2, true);
    case 0x50: // P DCS
    case 0x58: // X SOS
    case 0x5e: // ^ PM
    case 0x5f: // _ APC
      return skipControlString(text, at + 2, false);
  }
  if (inRange(next, 0x20, 0x2f)) {
    // nF sequences such as ESC ( B (character set selection).
    let i = at + 1;
    while (i < text.length && inRange(text.charCodeAt(i), 0x20, 0x2f)) i++;
    return i < text.length && inRange(text.charCodeAt(i), 0x30, 0x7e) ? i + 1 : i;
  }
  // Two-byte sequences such as ESC 7, ESC M, ESC c; anything else drops just the ESC.
  return inRange(next, 0x30, 0x7e) ? at + 2 : at + 1;
}

/** Removes ANSI/VT escape sequences: CSI (SGR colours, cursor moves), OSC, DCS and friends, and 2-byte ESC sequences. */
export function stripAnsi(text: string): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === ESC || code === C1_CSI) {
      out += text.slice(start, i);
      i = code === ESC ? skipEscape(text, i) : skipCsiBody(text, i + 1);
      start = i;
    } else {
      i++;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * What a terminal would finally show for a line that used carriage returns and backspaces, reduced
 * to plain text for a log: after a lone CR the line was redrawn (progress bars, spinners), so the
 * last segment with visible content is kept rather than overlaying segments, since the erase
 * sequences that usually accompany a redraw have already been stripped. Other control characters
 * are invisible and dropped; tabs stay.
 */
export function resolveControlCharacters(text: string): string {
  let line = text;
  if (line.includes('\r')) {
    const segments = line.split('\r');
    line = '';
    for (let i = segments.length - 1; i >= 0; i--) {
      if (segments[i].trim() !== '') {
        line = segments[i];
        break;
      }
    }
  }
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(line)) return line;
  const chars: string[] = [];
  for (const ch of line) {
    const code = ch.charCodeAt(0);
    if (code === 0x08) chars.pop();
    else if (code === 0x09 || !(code < 0x20 || inRange(code, 0x7f, 0x9f))) chars.push(ch);
  }
  return chars.join('');
}

// Every escape sequence starts with ESC or CSI and every redraw uses CR or BS, all of them in here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** A raw terminal line as readable log text. */
export function cleanLogText(text: string): string {
  // Most log lines are plain text: one scan for a control character settles them.
  if (!CONTROL.test(text)) return text;
  return resolveControlCharacters(stripAnsi(text));
}
