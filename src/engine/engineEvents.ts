import type { EngineClient } from './engineClient';
import { dockerEventName } from './eventNames';
import { LineSplitter, parseJsonLine } from './lineSplitter';
import type { Signal } from './signal';

/** The object kinds whose events refresh Berth's views. */
export type ObjectKind = 'container' | 'image' | 'volume' | 'network';
export const OBJECT_KINDS: readonly ObjectKind[] = ['container', 'image', 'volume', 'network'];

export interface EngineEvent {
  Type: string;
  Action: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  id?: string;
  time?: number;
  timeNano?: number;
  /** timeNano exactly as the engine sent it: JSON.parse rounds an int64 to about 256 ns. */
  timeNanoText?: string;
}

/**
 * One engine's event stream, shared: EngineConnection holds the only /events request and fans its
 * events out; consumers subscribe instead of opening their own.
 */
export interface EngineEventHub {
  readonly onEvent: Signal<EngineEvent>;
  /**
   * The stream was (re)opened: events may have been missed while it was down, so whoever keeps
   * state from events reads it again.
   */
  readonly onResynced: Signal<void>;
}

const TIME_NANO = /"timeNano"\s*:\s*(\d+)/;

/** The engine's newline-delimited JSON event stream, as events; chunks may cut a line anywhere. */
export class EventLineParser {
  private readonly lines = new LineSplitter();

  push(chunk: Buffer | string): EngineEvent[] {
    const events: EngineEvent[] = [];
    for (const line of this.lines.push(chunk)) {
      // A line that is not JSON carries nothing a view could use.
      const event = parseJsonLine<EngineEvent>(line);
      if (!event) continue;
      if (typeof event.Action === 'string') event.Action = dockerEventName(event.Action);
      const nano = TIME_NANO.exec(line);
      if (nano) event.timeNanoText = nano[1];
      events.push(event);
    }
    return events;
  }
}

export interface EventSubscription {
  /** Resolves when the stream ends or fails; the caller decides whether to reconnect. */
  readonly ended: Promise<Error | undefined>;
  close(): void;
}

/**
 * Opens one long-lived /events request for the kinds Berth shows. `answered` aborts the request while
 * the engine has not answered yet (it is never fired after).
 */
export async function subscribeToEvents(client: EngineClient, onEvent: (event: EngineEvent) => void, answered?: AbortSignal): Promise<EventSubscription> {
  const stream = await client.events({ filters: { type: [...OBJECT_KINDS] } }, answered);
  const parser = new EventLineParser();
  let closed = false;
  const ended = new Promise<Error | undefined>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      for (const event of parser.push(chunk)) onEvent(event);
    });
    stream.on('error', (err: Error) => resolve(err));
    stream.on('end', () => resolve(closed ? undefined : new Error('the engine closed the event stream')));
    stream.on('close', () => resolve(closed ? undefined : new Error('the event stream was closed')));
  });
  return {
    ended,
    close(): void {
      closed = true;
      stream.destroy();
    },
  };
}

/** Which view a raw event concerns; undefined for kinds Berth does not show. */
export function eventKind(event: EngineEvent): ObjectKind | undefined {
  return (OBJECT_KINDS as readonly string[]).includes(event.Type) ? (event.Type as ObjectKind) : undefined;
}
