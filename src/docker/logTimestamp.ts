/** A log line's timestamp: the engine's exact text, and the instant it names in nanoseconds. */
export interface LogTimestamp {
  /** Kept verbatim, so what is shown and what is resumed from is exactly what the engine sent. */
  text: string;
  /** Nanoseconds since the Unix epoch. Comparing text would be wrong: Go trims trailing zeros. */
  nanos: bigint;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const PREFIX_MAX = 40;
const NANOS_PER_SECOND = 1_000_000_000n;

/** Parses an RFC 3339 timestamp with up to nanosecond precision, as the engine writes them. */
export function parseLogTimestamp(text: string): LogTimestamp | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = m;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years below 100 to the 1900s (the engine's zero time is year 1).
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const valid =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute) &&
    date.getUTCSeconds() === Number(second);
  if (!valid) return undefined;
  const ms = date.getTime();
  let nanos = BigInt(ms / 1000) * NANOS_PER_SECOND + BigInt(fraction.padEnd(9, '0') || '0');
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n;
    const offsetMinutes = BigInt(Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    nanos -= sign * offsetMinutes * 60n * NANOS_PER_SECOND;
  }
  return { text, nanos };
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
  const nanos = timestamp.nanos;
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos % NANOS_PER_SECOND;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NANOS_PER_SECOND;
  }
  return `${seconds}.${rest.toString().padStart(9, '0')}`;
}
