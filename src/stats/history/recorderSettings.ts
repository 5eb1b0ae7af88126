import type { EngineClient } from '../../engine/engineClient';
import type { MetricsHistory } from './metricsHistory';
import type { RecorderLease } from './recorderLease';

export type RecordMode = 'always' | 'off';

export interface RecorderSettings {
  intervalMs: number;
  rawRetentionHours: number;
  retentionDays: number;
  record: RecordMode;
}

export interface MetricsRecorderOptions {
  /** Absent when the history could not be opened: live values still flow, nothing is stored. */
  history?: MetricsHistory;
  /** Decides which window records; without one this recorder records (a single process). */
  lease?: RecorderLease;
  settings: RecorderSettings;
  retentionEveryMs?: number;
  /** Batches reaching this size are written at once rather than at the next interval. */
  maxBatch?: number;
  /** Problems worth a log line (a failed write, a lost event stream); never thrown. */
  log?: (message: string) => void;
  /** Which window records, as it changes. */
  info?: (message: string) => void;
  clock?: () => number;
  /** How the engine's ID is found; /info by default. */
  engineId?: (client: EngineClient) => Promise<string>;
}
