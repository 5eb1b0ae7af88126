/** Human sizes as docker prints them (decimal units: 1 kB = 1000 B). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/** "3 minutes ago" style, from seconds since the epoch. */
export function formatAge(epochSeconds: number, nowMs: number = Date.now()): string {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - epochSeconds));
  const steps: [number, string][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Number.POSITIVE_INFINITY, 'year'],
  ];
  let value = seconds;
  for (const [size, name] of steps) {
    if (value < size) return value <= 1 && name === 'second' ? 'just now' : `${value} ${name}${value === 1 ? '' : 's'} ago`;
    value = Math.floor(value / size);
  }
  return '';
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

// One collator for every list Berth shows: numbers in names compare by value (bulk-106 before
// bulk-1056) and case does not split otherwise equal names apart.
const NAME_COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The order names are shown in everywhere: natural (numeric runs by value), case-insensitive, ties broken by code points so it is total. */
export function compareNames(a: string, b: string): number {
  return NAME_COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Longest engine string a tooltip shows; a runaway command line would otherwise fill the screen. */
const TOOLTIP_TEXT_MAX = 400;

/**
 * An engine string as one line of literal Markdown text: line breaks and tabs become spaces (a line
 * break would end a table row or start a block), it is shortened past `max` characters, and every
 * ASCII punctuation character is backslash-escaped, so no markup, link, autolinked URL, HTML
 * entity or `$(icon)` can form. Escapes also hold inside table cells.
 */
export function markdownText(text: string, max = TOOLTIP_TEXT_MAX): string {
  return shorten(collapseSpace(text), max).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * An engine string as a Markdown code span (literal, monospace), on one line. The fence is one
 * backtick longer than the longest run inside, so backticks in the text stay text. Not for table
 * cells, where a "|" would still split the cell.
 */
export function markdownCode(text: string, max = TOOLTIP_TEXT_MAX): string {
  const body = shorten(collapseSpace(text), max);
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function collapseSpace(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim();
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
