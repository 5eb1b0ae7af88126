/** A log line's timestamp: the engine's exact text, and the instant it names in nanoseconds. */
export interface LogTimestamp {
  /** Kept verbatim, so what is shown and what is resumed from is exactly what the engine sent. */
  text: string;
  /** Nanoseconds since the Unix epoch. Comparing text would be wrong: Go trims trailing zeros. */
  nanos: bigint;
}

const PREFIX_MAX = 40;
const NANOS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** An instant as whole seconds since the epoch (floored) and nanoseconds into that second. */
export interface Instant {
  seconds: number;
  fraction: number;
}

/** Timestamps are read from strings (a decoded line) and from bytes (a frame not yet decoded). */
type Source = string | Uint8Array;

function codeAt(source: Source, i: number): number {
  return typeof source === 'string' ? source.charCodeAt(i) : (source[i] ?? Number.NaN);
}

/** The value of `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(source: Source, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = codeAt(source, i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;

/**
 * Reads an RFC 3339 timestamp with up to nanosecond precision that fills source[start, end) into
 * `out`; false if it is not one. Every log line carries one, so the fixed layout is read by hand:
 * a regular expression and a Date per line made it the largest cost of a log flood.
 */
export function readInstant(source: Source, start: number, end: number, out: Instant): boolean {
  if (end - start < 20) return false;
  const year = digits(source, start, 4);
  const month = digits(source, start + 5, 2);
  const day = digits(source, start + 8, 2);
  const hour = digits(source, start + 11, 2);
  const minute = digits(source, start + 14, 2);
  const second = digits(source, start + 17, 2);
  if (codeAt(source, start + 4) !== DASH || codeAt(source, start + 7) !== DASH || codeAt(source, start + 10) !== LETTER_T) return false;
  if (codeAt(source, start + 13) !== COLON || codeAt(source, start + 16) !== COLON) return false;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])) return false;

  let at = start + 19;
  let fraction = 0;
  if (codeAt(source, at) === DOT) {
    const from = ++at;
    while (at < end && at - from < 10 && digits(source, at, 1) >= 0) at++;
    const length = at - from;
    if (length < 1 || length > 9) return false;
    fraction = digits(source, from, length) * 10 ** (9 - length);
  }
  let offsetSeconds = 0;
  const zone = codeAt(source, at);
  if (zone === LETTER_Z && at + 1 === end) {
    // UTC, as the engine sends it
  } else if ((zone === PLUS || zone === DASH) && at + 6 === end && codeAt(source, at + 3) === COLON) {
    const offsetHours = digits(source, at + 1, 2);
    const offsetMinutes = digits(source, at + 4, 2);
    if (offsetHours < 0 || offsetMinutes < 0) return false;
    offsetSeconds = (zone === DASH ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  } else {
    return false;
  }
  out.seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offsetSeconds;
  out.fraction = fraction;
  return true;
}

/** Parses an RFC 3339 timestamp with up to nanosecond precision, as the engine writes them. */
export function parseLogTimestamp(text: string): LogTimestamp | undefined {
  const instant: Instant = { seconds: 0, fraction: 0 };
  if (!readInstant(text, 0, text.length, instant)) return undefined;
  return { text, nanos: BigInt(instant.seconds) * NANOS_PER_SECOND + BigInt(instant.fraction) };
}

/** A nanosecond count as an Instant (the second floored, so the fraction is never negative). */
export function instantOf(nanos: bigint): Instant {
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos % NANOS_PER_SECOND;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NANOS_PER_SECOND;
  }
  return { seconds: Number(seconds), fraction: Number(rest) };
}

/** The engine's `since`/`until` parameter for an instant (see engineTimeParam). */
export function instantParam(instant: Instant): string {
  return `${instant.seconds}.${String(instant.fraction).padStart(9, '0')}`;
}

/** Splits "<timestamp> <message>" as sent with timestamps=true; undefined if the line has no such prefix. */
export function splitTimestampPrefix(line: string): { timestamp: LogTimestamp; rest: string } | undefined {
  const space = line.indexOf(' ');
  if (space < 20 || space > PREFIX_MAX) return undefined;
  const timestamp = parseLogTimestamp(line.slice(0, space));
  return timestamp ? { timestamp, rest: line.slice(space + 1) } : undefined;
}

export function compareTimestamps(a: LogTimestamp, b: LogTimestamp): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/**
 * The engine's `since`/`until` parameter for an instant: "<seconds>.<nanoseconds>". It is parsed
 * as a Unix time, not RFC 3339, and keeps full precision, so a resume starts exactly at this line.
 */
export function engineTimeParam(timestamp: LogTimestamp): string {
  return instantParam(instantOf(timestamp.nanos));
}
