import { promises as fsp } from 'node:fs';
import type { SqlJsStatic } from 'sql.js';
import type { ContainerSample } from '../statsMath';
import { removeStaleTempFiles } from './atomicFile';
import { freshDatabase, loadMetricsDatabase, loadSqlJs } from './metricsFile';
import { encodeClear, encodeSamples, JournalWriter, readJournalTail, type JournalPosition, type JournalRecord } from './metricsJournal';
import { MetricsStore } from './metricsStore';
import type { MetricsRecovery } from './metricsTypes';

export type HistoryMode = 'reader' | 'writer';

export interface HistoryLoadResult {
  recovered?: MetricsRecovery;
  unreadable?: Omit<MetricsRecovery, 'movedTo'>;
}

/** What a reader saw appear in the files since its last look. */
export interface HistoryChanges {
  samples: Array<{ engineId: string; samples: ContainerSample[] }>;
  cleared: boolean;
  reloaded: boolean;
}

export interface HistoryDatabaseOptions {
  /** The recording window rewrites the database file (and starts a new journal) this often, if anything changed. */
  compactEveryMs?: number;
  /** ...or as soon as the journal grows past this. */
  compactAtJournalBytes?: number;
  now?: () => number;
}

export function journalPathFor(filePath: string): string {
  return `${filePath}.journal`;
}

// A file's identity: rewriting it (temp file + rename) always gives a new inode.
async function identity(filePath: string): Promise<string> {
  try {
    const stat = await fsp.stat(filePath);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/**
 * The shared history as one window holds it: the database file plus the journal (metricsJournal.ts).
 * A writer (the window holding the recorder lease) appends to the journal, inserts, and compacts now
 * and then; a reader never writes, and catches up with poll(). Runs inside the history worker, so
 * its synchronous sql.js work never holds up the extension host.
 */
export class HistoryDatabase {
  private storeInstance: MetricsStore;
  private journal: JournalWriter | undefined;
  private position: JournalPosition | undefined;
  private fileIdentity = 'none';
  private changedSinceCompaction = false;
  private lastCompaction: number;
  // The newest sample each reader has reported per engine and container: a reload never repeats one.
  private readonly reported = new Map<string, number>();
  private readonly now: () => number;

  private constructor(
    private readonly SQL: SqlJsStatic,
    readonly filePath: string,
    private modeValue: HistoryMode,
    private readonly options: HistoryDatabaseOptions,
    store: MetricsStore,
  ) {
    this.storeInstance = store;
    this.now = options.now ?? Date.now;
    this.lastCompaction = this.now();
  }

  static async open(
    filePath: string,
    wasmPath: string,
    mode: HistoryMode,
    options: HistoryDatabaseOptions = {},
  ): Promise<{ database: HistoryDatabase } & HistoryLoadResult> {
    const SQL = await loadSqlJs(wasmPath);
    // Replaced by load(); it only spares the field an `undefined`.
    const placeholder = new MetricsStore(freshDatabase(SQL), filePath);
    const database = new HistoryDatabase(SQL, filePath, mode, options, placeholder);
    const result = await database.load();
    return { database, ...result };
  }

  get mode(): HistoryMode {
    return this.modeValue;
  }

  get store(): MetricsStore {
    return this.storeInstance;
  }

  get journalPath(): string {
    return journalPathFor(this.filePath);
  }

  /**
   * Switches between reading and writing. A new writer loads the files afresh, so it resumes from
   * exactly what the previous writer committed (the journal included) and never writes a stale copy.
   */
  async setMode(mode: HistoryMode): Promise<HistoryLoadResult> {
    if (mode === this.modeValue) return {};
    this.closeJournal();
    this.modeValue = mode;
    return this.load();
  }

  insert(engineId: string, samples: readonly ContainerSample[]): number {
    const journal = this.writable();
    const valid = samples.filter((s) => typeof s.containerId === 'string' && s.containerId.length > 0 && Number.isFinite(s.timestamp));
    if (valid.length === 0) return 0;
    // Journal first: once the line is on disk the sample survives a crash of this window.
    journal.append(encodeSamples(engineId, valid));
    this.changedSinceCompaction = true;
    return this.storeInstance.insert(valid, engineId);
  }

  async clear(): Promise<void> {
    const journal = this.writable();
    journal.append(encodeClear(this.now()));
    this.storeInstance.clear();
    // Written out at once, so readers see an empty history without replaying what came before.
    await this.compact();
  }

  retention(nowMs: number, rawRetentionHours?: number, retentionDays?: number): ReturnType<MetricsStore['retention']> {
    this.writable();
    const result = this.storeInstance.retention(nowMs, rawRetentionHours, retentionDays);
    if (result.downsampledRawRows + result.deletedMinuteRows + result.deletedContainers > 0) this.changedSinceCompaction = true;
    return result;
  }

  /** Writes the database file and starts an empty journal (the file now holds everything). */
  async compact(): Promise<void> {
    const journal = this.writable();
    await this.storeInstance.persist();
    journal.restart();
    this.changedSinceCompaction = false;
    this.lastCompaction = this.now();
  }

  /** Compacts when the journal has grown or the last compaction is old enough (writer only). */
  async compactIfDue(): Promise<boolean> {
    if (this.modeValue !== 'writer' || !this.journal || !this.changedSinceCompaction) return false;
    const bigJournal = this.journal.size >= (this.options.compactAtJournalBytes ?? 8 * 1024 * 1024);
    const old = this.now() - this.lastCompaction >= (this.options.compactEveryMs ?? 10 * 60_000);
    if (!bigJournal && !old) return false;
    await this.compact();
    return true;
  }

  /** Reader: picks up a rewritten database file (full reload) or new journal lines. */
  async poll(): Promise<HistoryChanges> {
    const changes: HistoryChanges = { samples: [], cleared: false, reloaded: false };
    if (this.modeValue !== 'reader') return changes;
    if ((await identity(this.filePath)) !== this.fileIdentity) {
      const before = this.storeInstance.containers().length;
      await this.load(changes);
      changes.reloaded = true;
      if (before > 0 && this.storeInstance.containers().length === 0) changes.cleared = true;
      return changes;
    }
    const tail = readJournalTail(this.journalPath, this.position);
    if (tail.restarted) {
      // The writer compacted between our two looks; the file check above catches it next time.
      this.fileIdentity = 'stale';
      return this.poll();
    }
    this.position = tail.position;
    this.apply(tail.records, changes);
    return changes;
  }

  close(): void {
    this.closeJournal();
    this.storeInstance.close();
  }

  private writable(): JournalWriter {
    if (this.modeValue !== 'writer' || !this.journal) throw new Error('this window does not record the metrics history');
    return this.journal;
  }

  private closeJournal(): void {
    this.journal?.close();
    this.journal = undefined;
  }

  private async load(changes?: HistoryChanges): Promise<HistoryLoadResult> {
    const readOnly = this.modeValue === 'reader';
    if (!readOnly) await removeStaleTempFiles(this.filePath, 10 * 60_000, this.now());
    // The identity is taken before reading: a rewrite during the read shows up at the next poll.
    this.fileIdentity = await identity(this.filePath);
    const { db, recovered, unreadable } = await loadMetricsDatabase(this.SQL, this.filePath, this.now(), readOnly);
    this.storeInstance.close();
    this.storeInstance = new MetricsStore(db, this.filePath);
    const result: HistoryLoadResult = {};
    if (recovered) result.recovered = recovered;
    if (unreadable) result.unreadable = unreadable;
    // After a file was set aside the journal is still replayed: its lines are the newest samples,
    // and lines this version cannot read are skipped.
    const tail = readJournalTail(this.journalPath, undefined);
    this.position = tail.position;
    this.apply(tail.records, changes);
    if (!readOnly) {
      this.journal = new JournalWriter(this.journalPath);
      this.changedSinceCompaction = tail.records.length > 0;
      // A file set aside, or one migrated from an older schema, is replaced at once, so readers
      // (and the next writer) see a file they can read.
      if (recovered || tail.records.length > 0 || !(await exists(this.filePath))) await this.compact();
    }
    return result;
  }

  private apply(records: JournalRecord[], changes: HistoryChanges | undefined): void {
    for (const record of records) {
      if (record.kind === 'clear') {
        this.storeInstance.clear();
        this.reported.clear();
        if (changes) {
          changes.cleared = true;
          changes.samples = [];
        }
        continue;
      }
      this.storeInstance.insert(record.samples, record.engineId);
      if (!changes) {
        this.remember(record.engineId, record.samples);
        continue;
      }
      const fresh = record.samples.filter((s) => s.timestamp > (this.reported.get(`${record.engineId}\n${s.containerId}`) ?? -Infinity));
      this.remember(record.engineId, fresh);
      if (fresh.length > 0) changes.samples.push({ engineId: record.engineId, samples: fresh });
    }
  }

  private remember(engineId: string, samples: readonly ContainerSample[]): void {
    for (const s of samples) {
      const key = `${engineId}\n${s.containerId}`;
      if (s.timestamp > (this.reported.get(key) ?? -Infinity)) this.reported.set(key, s.timestamp);
    }
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await fsp.access(filePath);
    return true;
  } catch {
    return false;
  }
}
