import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { dockerEventName, eventFilterNames } from '../engine/eventNames';
import { LineSplitter } from '../engine/lineSplitter';
import { engineTimeParam, parseLogTimestamp } from './logTimestamp';

/** A container lifecycle event, with the engine's nanosecond time kept exact. */
export interface LifecycleEvent {
  action: string;
  /** Exact: JSON.parse would round the engine's int64 timeNano to about 256 ns. */
  timeNanos: bigint | undefined;
  /** From `die` events. */
  exitCode: number | undefined;
}

export type EventSource = Pick<Docker, 'getEvents'>;

const TIME_NANO = /"timeNano"\s*:\s*(\d+)/;

/** Parses one line of the engine's newline-delimited JSON event stream. */
export function parseLifecycleEvent(line: string): LifecycleEvent | undefined {
  let raw: { Action?: unknown; status?: unknown; Actor?: { Attributes?: Record<string, unknown> } };
  try {
    raw = JSON.parse(line) as typeof raw;
  } catch {
    return undefined;
  }
  const named = typeof raw.Action === 'string' ? raw.Action : typeof raw.status === 'string' ? raw.status : undefined;
  if (!named) return undefined;
  const action = dockerEventName(named);
  const nano = TIME_NANO.exec(line);
  const exit = raw.Actor?.Attributes?.exitCode;
  const exitCode = typeof exit === 'string' && /^-?\d+$/.test(exit) ? Number(exit) : undefined;
  return { action, timeNanos: nano ? BigInt(nano[1]) : undefined, exitCode };
}

/**
 * Reads lifecycle events until the stream ends. Ends quietly when `signal` aborts; throws when the
 * connection fails, so the caller can reconnect.
 */
export async function* readLifecycleEvents(stream: Readable, signal?: AbortSignal): AsyncGenerator<LifecycleEvent> {
  const lines = new LineSplitter();
  try {
    for await (const chunk of stream) {
      for (const line of lines.push(chunk as Buffer)) {
        const event = line.trim() ? parseLifecycleEvent(line.trim()) : undefined;
        if (event) yield event;
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    stream.destroy();
  }
}

export interface LifecycleQuery {
  containerId: string;
  actions: string[];
  /** Unix seconds, or "<seconds>.<nanoseconds>". */
  since?: number | string;
  until?: number | string;
  signal?: AbortSignal;
}

/** Opens the engine's event stream for one container's lifecycle; with `until` it ends by itself. */
export async function openLifecycleEvents(docker: EventSource, query: LifecycleQuery): Promise<Readable> {
  const options = {
    filters: { container: [query.containerId], type: ['container' as const], event: eventFilterNames(query.actions) },
    abortSignal: query.signal,
    // The engine takes "<seconds>.<nanoseconds>" strings too; the typings only admit numbers.
    ...(query.since !== undefined ? { since: query.since as number } : {}),
    ...(query.until !== undefined ? { until: query.until as number } : {}),
  };
  return (await docker.getEvents(options)) as unknown as Readable;
}

/** How a run ended, from its `die` event. */
export interface RunEnd {
  exitCode: number | undefined;
  /** Engine time of the die event: every line of that run is older, every line of the next newer. */
  at: string | undefined;
}

/**
 * How the run that started at `from` ended, found after the next run (started at `to`) already
 * began. Best effort: if the engine no longer has the event, both fields are undefined.
 */
export async function findRunEnd(events: EventSource, containerId: string, from: string, to: string, signal?: AbortSignal): Promise<RunEnd> {
  const unknown: RunEnd = { exitCode: undefined, at: undefined };
  const start = parseLogTimestamp(from);
  const end = parseLogTimestamp(to);
  if (!start || !end) return unknown;
  try {
    // Bounded by `until`, so the engine replays its buffered events and closes the stream.
    const stream = await openLifecycleEvents(events, {
      containerId,
      actions: ['die'],
      since: Number(start.nanos / 1_000_000_000n),
      until: engineTimeParam(end),
      signal,
    });
    for await (const event of readLifecycleEvents(stream, signal)) {
      if (event.timeNanos === undefined) return { exitCode: event.exitCode, at: undefined };
      if (event.timeNanos > start.nanos) return { exitCode: event.exitCode, at: engineTimeParam({ text: '', nanos: event.timeNanos }) };
    }
  } catch {
    // Only the exit code and the catch-up are lost.
  }
  return unknown;
}
