import type { EngineClient } from '../engine/engineClient';
import type { EngineEvent, EngineEventHub } from '../engine/engineEvents';
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

/**
 * Replays one container's past lifecycle events, from `since` to `until`: a bounded request that the
 * engine ends by itself, made only after an outage; live events come from the engine's hub.
 */
export function openLifecycleEvents(client: EngineClient, query: LifecycleQuery & { until: number | string }): Promise<Readable> {
  const filters = { container: [query.containerId], type: ['container'], event: eventFilterNames(query.actions) };
  return client.events({ filters, since: query.since, until: query.until }, query.signal);
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
export async function findRunEnd(client: EngineClient, containerId: string, from: string, to: string, signal?: AbortSignal): Promise<RunEnd> {
  const unknown: RunEnd = { exitCode: undefined, at: undefined };
  const start = parseLogTimestamp(from);
  const end = parseLogTimestamp(to);
  if (!start || !end) return unknown;
  try {
    // Bounded by `until`, so the engine replays its buffered events and closes the stream.
    const stream = await openLifecycleEvents(client, {
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

/** What ended a wait for a container's next run. */
export type LifecycleOutcome = 'start' | 'destroy' | 'resynced';

/**
 * A container's start/destroy events from the engine's hub, kept from the moment it is made, so one
 * that comes while the caller is still inspecting the container is not lost. A resync of the hub
 * (events may have been missed) ends the wait too: the caller looks at the container again.
 */
export class LifecycleWaiter {
  private readonly seen: LifecycleOutcome[] = [];
  private readonly ids: string[];
  private wake: (() => void) | undefined;
  private readonly offEvent: () => void;
  private readonly offResync: () => void;

  constructor(hub: EngineEventHub, containerId: string) {
    this.ids = [containerId];
    this.offEvent = hub.onEvent.on((event) => this.onEvent(event));
    this.offResync = hub.onResynced.on(() => this.note('resynced'));
  }

  /** The container's full ID once inspected: the follower may have been given a name or a prefix. */
  knowAs(id: string): void {
    if (!this.ids.includes(id)) this.ids.push(id);
  }

  /** The next outcome, in the order they came; rejects once `signal` aborts. */
  async next(signal: AbortSignal): Promise<LifecycleOutcome> {
    while (this.seen.length === 0) {
      if (signal.aborted) throw new Error('stopped following');
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return this.seen.shift() as LifecycleOutcome;
  }

  dispose(): void {
    this.offEvent();
    this.offResync();
    this.wake?.();
  }

  private onEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const id = event.Actor?.ID ?? event.id;
    if (!id || !this.ids.includes(id)) return;
    if (event.Action === 'start' || event.Action === 'destroy') this.note(event.Action);
  }

  private note(outcome: LifecycleOutcome): void {
    this.seen.push(outcome);
    this.wake?.();
  }
}
