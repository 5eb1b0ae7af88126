import type { EngineClient } from '../engine/engineClient';
import type { EngineEventHub } from '../engine/engineEvents';
import type { LogLine } from './logLines';

export type LogMarker =
  | { kind: 'stopped'; exitCode: number | undefined }
  | { kind: 'started' }
  | { kind: 'removed' }
  | { kind: 'reconnecting'; reason: string };

export interface LogBatch {
  /** The lines themselves, only with LogFollowerOptions.keepLines (else empty). */
  lines: LogLine[];
  count: number;
  /** The lines rendered as the user asked (with or without timestamps), each ending in "\n". */
  text: string;
}

export interface LogFollowerEventMap {
  lines: [batch: LogBatch];
  /** Always emitted after every line that came before it. */
  marker: [marker: LogMarker];
  /** A 'lines' or 'marker' listener threw; following carries on. */
  warning: [error: unknown];
  end: [];
}

export interface LogFollowerOptions {
  client: EngineClient;
  containerId: string;
  /**
   * The engine's event hub (EngineConnection): the container's start/destroy events come from its one
   * /events stream, and a resync (events possibly missed) makes the follower look again.
   */
  events: EngineEventHub;
  /** Lines of history shown first; default 1000. */
  tail?: number | 'all';
  /** Fill LogBatch.lines (merging needs them). Without, only the text is made, mostly straight from the engine's bytes. */
  keepLines?: boolean;
  /** Render timestamps in LogBatch.text. They are always requested, to resume exactly. */
  showTimestamps?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /**
   * Receives each batch after the 'lines' listeners. A returned promise holds the next batch back
   * until it settles: a consumer that falls behind makes the buffer fill and reading pause.
   */
  onBatch?: (batch: LogBatch) => void | Promise<void>;
  coalesceMs?: number;
  highWaterMark?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
}
