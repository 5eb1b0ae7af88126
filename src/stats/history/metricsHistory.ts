import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Signal } from '../../engine/signal';
import type { ContainerSample } from '../statsMath';
import type { HistoryChanges, HistoryLoadResult, HistoryMode } from './historyDatabase';
import type { HistoryMethod, HistoryMethods, HistoryWorkerData, HistoryWorkerMessage } from './historyProtocol';
import type { RetentionResult } from './metricsRetention';
import type { StoredContainer, StoredSample } from './metricsTypes';

export interface OpenHistoryOptions {
  filePath: string;
  wasmPath: string;
  mode: HistoryMode;
  /** How often a reader looks for new lines in the journal (default 1 s). */
  pollMs?: number;
  compactEveryMs?: number;
  compactAtJournalBytes?: number;
}

/** Beside this file both in the bundle (dist/) and in the tsc output (out/src/stats/history/). */
export const HISTORY_WORKER_PATH = path.join(__dirname, 'metricsWorker.js');

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The extension host's handle on the metrics history. Everything runs in a worker thread (see
 * metricsWorker.ts): the calls here only post messages, so neither a 1,000,000-sample rewrite nor
 * an export ever holds up the event loop. A writer records; a reader follows what the writer wrote
 * and reports it through onChanges.
 */
export class MetricsHistory {
  readonly onChanges = new Signal<HistoryChanges>();
  /** Problems worth a log line (a failed background compaction or read). */
  readonly onLog = new Signal<string>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private modeValue: HistoryMode;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly filePath: string,
    mode: HistoryMode,
  ) {
    this.modeValue = mode;
  }

  static open(options: OpenHistoryOptions): Promise<{ history: MetricsHistory } & HistoryLoadResult> {
    const data: HistoryWorkerData = {
      filePath: options.filePath,
      wasmPath: options.wasmPath,
      mode: options.mode,
      pollMs: options.pollMs ?? 1000,
      compactEveryMs: options.compactEveryMs,
      compactAtJournalBytes: options.compactAtJournalBytes,
    };
    const worker = new Worker(HISTORY_WORKER_PATH, { workerData: data });
    const history = new MetricsHistory(worker, options.filePath, options.mode);
    return new Promise((resolve, reject) => {
      let opened = false;
      worker.on('message', (message: HistoryWorkerMessage) => {
        if (message.type === 'opened') {
          opened = true;
          resolve({ history, ...message.result });
        } else if (message.type === 'openFailed') {
          void worker.terminate();
          reject(new Error(message.error));
        } else {
          history.onMessage(message);
        }
      });
      worker.on('error', (error) => {
        if (!opened) reject(error);
        history.fail(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`the metrics history worker stopped (exit code ${code})`);
        if (!opened) reject(error);
        history.fail(error);
      });
    });
  }

  get mode(): HistoryMode {
    return this.modeValue;
  }

  /** Reader ↔ writer; a new writer reloads the files first, so it continues exactly where the last one stopped. */
  async setMode(mode: HistoryMode): Promise<HistoryLoadResult> {
    this.modeValue = mode;
    return this.call('setMode', mode);
  }

  insert(engineId: string, samples: ContainerSample[]): Promise<number> {
    return this.call('insert', engineId, samples);
  }

  query(containerId: string, fromMs: number, toMs: number, engineId: string): Promise<StoredSample[]> {
    return this.call('query', containerId, fromMs, toMs, engineId);
  }

  latest(engineId?: string): Promise<StoredSample[]> {
    return this.call('latest', engineId);
  }

  containers(engineId?: string): Promise<StoredContainer[]> {
    return this.call('containers', engineId);
  }

  /** Writes the CSV straight to `targetPath` from the worker; resolves to its size in bytes. */
  exportCsv(targetPath: string, containerId?: string, engineId?: string): Promise<number> {
    return this.call('exportCsv', containerId, engineId, targetPath);
  }

  /** Writer only: empties the history (a journal line first, so it can never be undone by a replay). */
  clear(): Promise<void> {
    return this.call('clear');
  }

  retention(nowMs: number, rawRetentionHours: number, retentionDays: number): Promise<RetentionResult> {
    return this.call('retention', nowMs, rawRetentionHours, retentionDays);
  }

  /** Writer only: rewrites the database file from memory and starts an empty journal. */
  compact(): Promise<void> {
    return this.call('compact');
  }

  /** Reader: reads what the writer added, now, rather than at the next poll. */
  refresh(): Promise<void> {
    return this.call('refresh');
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) await this.call('close').catch(() => undefined);
      this.failure ??= new Error('the metrics history is closed');
      await this.worker.terminate();
      this.onChanges.clear();
      this.onLog.clear();
    })();
    return this.closing;
  }

  private call<M extends HistoryMethod>(method: M, ...args: HistoryMethods[M]['args']): Promise<HistoryMethods[M]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  private onMessage(message: HistoryWorkerMessage): void {
    if (message.type === 'response') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) pending?.resolve(message.result);
      else pending?.reject(new Error(message.error));
    } else if (message.type === 'changes') {
      this.onChanges.emit(message.changes);
    } else if (message.type === 'log') {
      this.onLog.emit(message.message);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}
