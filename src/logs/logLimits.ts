import type { LogMarker } from './logFollowerTypes';
import { DEFAULT_MAX_LINE_LENGTH } from './logLines';

// Plain Node (no vscode import), so the benchmark runs the pipeline with exactly these figures.

/** The most lines of history a channel or document is filled with; more would freeze the editor. */
export const MAX_TAIL = 100_000;

/**
 * How the follow pipeline batches for an output channel: at most four appends a second, and up to
 * 8 MiB (UTF-16 code units plus overhead per line) buffered before the engine stream is paused,
 * which lets a flood run at engine speed without waiting out the interval on every batch.
 */
export const FOLLOW_TUNING = { coalesceMs: 250, highWaterMark: 8 * 1024 * 1024 } as const;

/**
 * What a log channel is given at most, on average: beyond it the Output view falls behind and the
 * whole window with it (issue 9: a flood made the command palette take seconds to open and the
 * page grow past 1 GB). Faster sources are shown in part, with a marker counting what was left out.
 */
export const CHANNEL_LIMITS = { linesPerSecond: 500, charsPerSecond: 100_000, burstMs: 500 } as const;

/** A channel holding more than this is cleared (with a note), so a long flood cannot grow it without bound. */
export const CHANNEL_MAX_CHARS = 10_000_000;

/** The marker for lines a channel left out because they came faster than CHANNEL_LIMITS. */
export function skippedText(skipped: number): string {
  const lines = `${skipped.toLocaleString('en-US')} line${skipped === 1 ? '' : 's'}`;
  return `skipped ${lines}: they came faster than the Output view can show (${CHANNEL_LIMITS.linesPerSecond.toLocaleString('en-US')} lines a second); Save Logs As... or Show Last N Lines of Logs... shows every line`;
}

/** The marker a log channel shows where it leaves out the rest of an over-long line. */
export const CUT_LINE_NOTE = `the line above goes on past ${DEFAULT_MAX_LINE_LENGTH.toLocaleString('en-US')} characters; the rest of it is not shown here (Save Logs As... writes it whole)`;

/** Held back this long, lines of different services can still be put in timestamp order. */
export const PROJECT_MERGE_WINDOW_MS = FOLLOW_TUNING.coalesceMs + 250;

export interface TailChoice {
  tail: number;
  /** The setting asked for more than MAX_TAIL. */
  capped: boolean;
}

/** The berth.logs.tail setting as a line count: whole, not negative, at most MAX_TAIL. */
export function tailFromSetting(value: unknown, fallback = 500): TailChoice {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  if (n < 0) return { tail: 0, capped: false };
  return n > MAX_TAIL ? { tail: MAX_TAIL, capped: true } : { tail: n, capped: false };
}

/** Validates the "how many lines" input: an error message, or undefined when acceptable. */
export function lineCountProblem(text: string): string | undefined {
  const trimmed = text.trim().replace(/[,_]/g, '');
  if (trimmed === '') return 'Enter a number of lines.';
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of lines, such as 200.';
  const n = Number(trimmed);
  if (n < 1) return 'Enter at least 1 line.';
  if (n > MAX_TAIL) return `At most ${MAX_TAIL.toLocaleString('en-US')} lines; use Save Logs As... for the whole log.`;
  return undefined;
}

export function parseLineCount(text: string): number {
  return Number(text.trim().replace(/[,_]/g, ''));
}

function clock(now: Date): string {
  return now.toTimeString().slice(0, 8);
}

/** A marker line in a log channel: set apart from container output, with the local time. */
export function markerLine(text: string, now: Date = new Date()): string {
  return `──── ${clock(now)} ${text} ────`;
}

/** What a follower's marker says, for a container called `name`. */
export function markerText(marker: LogMarker, name: string): string {
  switch (marker.kind) {
    case 'stopped':
      return `${name} stopped${marker.exitCode === undefined ? '' : ` (exit code ${marker.exitCode})`}`;
    case 'started':
      return `${name} started again; following its new output`;
    case 'removed':
      return `${name} was removed; no longer following`;
    case 'reconnecting':
      return `lost the engine connection (${marker.reason}); reconnecting`;
  }
}

/** A file name for a container's log: its name with characters file systems reject replaced. */
export function logFileName(name: string, suffix = ''): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_') || 'container';
  return `${safe}${suffix}.log`;
}

/** The prefix of a compose project member's lines: its service, numbered when the service is scaled. */
export function memberLabel(labels: Record<string, string | undefined>, fallback: string): string {
  const service = labels['com.docker.compose.service'] ?? fallback;
  const number = labels['com.docker.compose.container-number'];
  return number && number !== '1' ? `${service}-${number}` : service;
}
