// Messages between the extension host and the history worker (metricsWorker.ts). Plain data only:
// they cross a worker_threads boundary by structured clone.
import type { ContainerSample } from '../statsMath';
import type { HistoryChanges, HistoryLoadResult, HistoryMode } from './historyDatabase';
import type { RetentionResult } from './metricsRetention';
import type { StoredContainer, StoredSample } from './metricsTypes';

export interface HistoryWorkerData {
  filePath: string;
  wasmPath: string;
  mode: HistoryMode;
  /** Readers look at the files this often. */
  pollMs: number;
  compactEveryMs?: number;
  compactAtJournalBytes?: number;
}

/** Each request names its method; the worker answers with the method's result. */
export interface HistoryMethods {
  setMode: { args: [mode: HistoryMode]; result: HistoryLoadResult };
  insert: { args: [engineId: string, samples: ContainerSample[]]; result: number };
  query: { args: [containerId: string, fromMs: number, toMs: number, engineId: string]; result: StoredSample[] };
  latest: { args: [engineId?: string]; result: StoredSample[] };
  containers: { args: [engineId?: string]; result: StoredContainer[] };
  exportCsv: { args: [containerId: string | undefined, engineId: string | undefined, targetPath: string]; result: number };
  clear: { args: []; result: void };
  retention: { args: [nowMs: number, rawRetentionHours: number, retentionDays: number]; result: RetentionResult };
  compact: { args: []; result: void };
  refresh: { args: []; result: void };
  close: { args: []; result: void };
}

export type HistoryMethod = keyof HistoryMethods;

export interface HistoryRequest {
  id: number;
  method: HistoryMethod;
  args: unknown[];
}

export type HistoryWorkerMessage =
  | { type: 'opened'; result: HistoryLoadResult }
  | { type: 'openFailed'; error: string }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'changes'; changes: HistoryChanges }
  | { type: 'log'; message: string };
