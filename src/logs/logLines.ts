import { cleanLogText } from './logAnsi';
import type { LogStream } from './logDemux';
import { type LogTimestamp, splitTimestampPrefix } from './logTimestamp';

/** One displayable log line. */
export interface LogLine {
  stream: LogStream;
  /** The message without timestamp, escape sequences or control characters. */
  text: string;
  /** Present when logs were requested with timestamps=true. */
  timestamp?: LogTimestamp;
  /** A later piece of a line longer than the longest kept whole (see LineSplitter). */
  continued?: true;
  /** This piece of an over-long line is followed by another (it does not end the line). */
  cut?: true;
}

/** A piece of a line from LineSplitter; `first` is false for the continuation of an over-long line. */
export interface SplitLine {
  text: string;
  first: boolean;
  /** More of the same line follows. */
  cut?: true;
}

/** Longest line kept whole; beyond it a line is cut, so one runaway line cannot hold unbounded memory. */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024;

/**
 * Cuts text into lines on "\n", keeping an unterminated last line until more text or flush().
 * Over-long lines are cut at fixed multiples of maxLineLength, so the pieces do not depend on how
 * the text was chunked (a resumed stream must reproduce the same lines).
 */
export class LineSplitter {
  private parts: string[] = [];
  private length = 0;
  private emittedOfCurrent = false;

  constructor(private readonly maxLineLength: number = DEFAULT_MAX_LINE_LENGTH) {
    if (maxLineLength < 1) throw new RangeError('maxLineLength must be at least 1');
  }

  push(text: string): SplitLine[] {
    const out: SplitLine[] = [];
    let from = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', from)) >= 0) {
      this.append(text.slice(from, newline), out);
      this.completeLine(out);
      from = newline + 1;
    }
    if (from < text.length) this.append(text.slice(from), out);
    return out;
  }

  /** The unterminated last line, if there is one; the splitter is then empty. */
  flush(): SplitLine | undefined {
    if (this.length === 0) {
      this.emittedOfCurrent = false;
      return undefined;
    }
    const out: SplitLine[] = [];
    this.completeLine(out);
    return out[0];
  }

  /** True while part of a line is held back waiting for its newline. */
  get hasPartial(): boolean {
    return this.length > 0;
  }

  discard(): void {
    this.parts = [];
    this.length = 0;
    this.emittedOfCurrent = false;
  }

  private append(piece: string, out: SplitLine[]): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.length += piece.length;
    // Strictly longer, so a line of exactly maxLineLength followed by "\n" is one line, as when unsplit.
    if (this.length <= this.maxLineLength) return;
    let joined = this.parts.join('');
    while (joined.length > this.maxLineLength) {
      out.push({ text: joined.slice(0, this.maxLineLength), first: !this.emittedOfCurrent, cut: true });
      this.emittedOfCurrent = true;
      joined = joined.slice(this.maxLineLength);
    }
    this.parts = [joined];
    this.length = joined.length;
  }

  private completeLine(out: SplitLine[]): void {
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    out.push({ text, first: !this.emittedOfCurrent });
    this.parts = [];
    this.length = 0;
    this.emittedOfCurrent = false;
  }
}

/**
 * Turns one raw line into a LogLine. With `timestamps`, the engine's "<RFC3339Nano> " prefix is
 * parsed off first, so escape handling can never disturb it.
 */
export function parseLogLine(raw: string, stream: LogStream, timestamps: boolean): LogLine {
  let body = raw;
  // "\r\n" from TTY containers: the CR is part of the line ending, not a redraw.
  while (body.endsWith('\r')) body = body.slice(0, -1);
  if (timestamps) {
    const split = splitTimestampPrefix(body);
    if (split) return { stream, text: cleanLogText(withoutRepeatedPrefix(split.rest, split.timestamp)), timestamp: split.timestamp };
  }
  return { stream, text: cleanLogText(body) };
}

/** 16 KiB of UTF-8 is at least this many UTF-16 code units. */
const SHORTEST_SPLIT_MESSAGE = 4096;

/**
 * The engine cuts lines longer than 16 KiB into several messages that share the first one's
 * timestamp, and with timestamps=true prefixes each. Multiplexed streams mark message boundaries
 * and LogDecoder drops those prefixes there; a TTY stream does not, so here a repeat of the line's
 * own timestamp (exact to the nanosecond, so never genuine text) is removed instead.
 */
function withoutRepeatedPrefix(rest: string, timestamp: LogTimestamp): string {
  if (rest.length < SHORTEST_SPLIT_MESSAGE) return rest;
  const repeat = `${timestamp.text} `;
  return rest.includes(repeat) ? rest.split(repeat).join('') : rest;
}

export interface RenderOptions {
  /** Show the engine's timestamp before the message. */
  timestamps: boolean;
}

export function renderLogLine(line: LogLine, options: RenderOptions): string {
  return options.timestamps && line.timestamp ? `${line.timestamp.text} ${line.text}` : line.text;
}
