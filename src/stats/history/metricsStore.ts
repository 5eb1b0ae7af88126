import type { Database, SqlValue, Statement } from 'sql.js';
import { percentOf, type ContainerSample } from '../statsMath';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteHooks } from './atomicFile';
import { samplesToCsv } from './metricsCsv';
import { loadMetricsDatabase, loadSqlJs } from './metricsFile';
import { applyRetention, incrementalVacuum, type RetentionResult } from './metricsRetention';
import {
  INSERT_RAW_SQL,
  insertRawSql,
  RAW_ROW_WIDTH,
  SELECT_NEWEST_MINUTE_SQL,
  SELECT_NEWEST_RAW_SQL,
  SELECT_RANGE_SQL,
  UNKNOWN_ENGINE,
} from './metricsSchema';
import { SAMPLE_FIELDS, type MetricsRecovery, type StoredContainer, type StoredSample } from './metricsTypes';

export interface OpenMetricsStoreOptions {
  /** Clock for the moved-aside file names; tests pin it. */
  now?: () => number;
}

export interface OpenMetricsStoreResult {
  store: MetricsStore;
  /** Set when an unreadable or newer file was moved aside; tell the user once. */
  recovered?: MetricsRecovery;
}

/** Opens (or creates in memory) the history kept at `filePath`; nothing is written until persist(). */
export async function openMetricsStore(filePath: string, wasmPath: string, options: OpenMetricsStoreOptions = {}): Promise<OpenMetricsStoreResult> {
  const now = options.now ?? Date.now;
  const SQL = await loadSqlJs(wasmPath);
  await removeStaleTempFiles(filePath, 10 * 60_000, now());
  const { db, recovered } = await loadMetricsDatabase(SQL, filePath, now());
  const store = new MetricsStore(db, filePath);
  return recovered ? { store, recovered } : { store };
}


/** Rows per multi-row insert statement. */
const INSERT_CHUNK = 50;

function storable(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

interface KeyEntry {
  key: number;
  engineId: string;
  containerId: string;
  name: string;
}

const keyOf = (engineId: string, containerId: string): string => `${engineId}\n${containerId}`;

/**
 * The metrics history: an SQLite database held in memory by sql.js and written to disk as a
 * whole by persist(). See metricsSchema.ts for the layout.
 */
export class MetricsStore {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly insertRaw: Statement;
  private readonly insertRawChunk: Statement;
  private readonly selectRange: Statement;
  private readonly newestRaw: Statement;
  private readonly newestMinute: Statement;
  private persisting: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Database,
    readonly filePath: string,
  ) {
    this.insertRaw = db.prepare(INSERT_RAW_SQL);
    this.insertRawChunk = db.prepare(insertRawSql(INSERT_CHUNK));
    this.selectRange = db.prepare(SELECT_RANGE_SQL);
    this.newestRaw = db.prepare(SELECT_NEWEST_RAW_SQL);
    this.newestMinute = db.prepare(SELECT_NEWEST_MINUTE_SQL);
    this.loadKeys();
  }

  /**
   * Adds samples in one transaction and returns how many were written. A sample with the same
   * container and time as a stored one replaces it; samples without an id or a finite time are skipped.
   * `engineId` is the engine's own ID (`/info`), so containers of two engines never mix.
   */
  insert(samples: readonly ContainerSample[], engineId: string = UNKNOWN_ENGINE): number {
    this.assertOpen();
    const valid = samples.filter((s) => typeof s.containerId === 'string' && s.containerId.length > 0 && Number.isFinite(s.timestamp));
    if (valid.length === 0) return 0;
    const chunk: SqlValue[] = new Array(INSERT_CHUNK * RAW_ROW_WIDTH);
    const row: SqlValue[] = new Array(RAW_ROW_WIDTH);
    this.db.exec('BEGIN');
    try {
      const keys = valid.map((s) => this.keyFor(engineId, s.containerId, s.containerName));
      const fill = (target: SqlValue[], at: number, index: number): void => {
        const sample = valid[index];
        target[at] = keys[index];
        target[at + 1] = Math.round(sample.timestamp);
        for (let i = 0; i < SAMPLE_FIELDS.length; i++) target[at + 2 + i] = storable(sample[SAMPLE_FIELDS[i]]);
      };
      // In primary-key order, consecutive rows land in the same B-tree page: ~20% more rows/s than
      // the recorder's order (every container at one instant, then the next instant). The sort is
      // stable, so of two samples for the same container and time the later still wins.
      const order = valid.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || valid[a].timestamp - valid[b].timestamp);
      let next = 0;
      for (; next + INSERT_CHUNK <= order.length; next += INSERT_CHUNK) {
        for (let i = 0; i < INSERT_CHUNK; i++) fill(chunk, i * RAW_ROW_WIDTH, order[next + i]);
        this.insertRawChunk.run(chunk);
      }
      for (; next < order.length; next++) {
        fill(row, 0, order[next]);
        this.insertRaw.run(row);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      // Keys handed out inside the rolled-back transaction no longer exist.
      this.loadKeys();
      throw error;
    }
    return valid.length;
  }

  /** Samples of one container with fromMs ≤ time ≤ toMs, oldest first: raw rows and minute averages. */
  query(containerId: string, fromMs: number, toMs: number, engineId: string = UNKNOWN_ENGINE): StoredSample[] {
    this.assertOpen();
    const entry = this.entryFor(engineId, containerId);
    if (!entry) return [];
    const out: StoredSample[] = [];
    const stmt = this.selectRange;
    try {
      stmt.bind([entry.key, fromMs, toMs]);
      while (stmt.step()) out.push(this.toSample(containerId, entry.name, stmt.get()));
    } finally {
      stmt.reset();
    }
    return out;
  }

  /** The newest sample of every stored container (of one engine, when given). */
  latest(engineId?: string): StoredSample[] {
    this.assertOpen();
    const out: StoredSample[] = [];
    for (const entry of this.entries(engineId)) {
      const sample = this.newest(entry.containerId, entry.key, entry.name);
      if (sample) out.push(sample);
    }
    return out;
  }

  /** Every container with stored samples (of one engine, when given), by name. */
  containers(engineId?: string): StoredContainer[] {
    this.assertOpen();
    const out: StoredContainer[] = [];
    for (const entry of this.entries(engineId)) {
      out.push({
        engineId: entry.engineId,
        containerId: entry.containerId,
        containerName: entry.name,
        lastTimestamp: this.newest(entry.containerId, entry.key, entry.name)?.timestamp,
      });
    }
    return out.sort((a, b) => a.containerName.localeCompare(b.containerName) || a.containerId.localeCompare(b.containerId) || a.engineId.localeCompare(b.engineId));
  }

  /** Downsamples raw rows older than rawRetentionHours to minute averages; drops averages older than retentionDays. */
  retention(nowMs: number, rawRetentionHours?: number, retentionDays?: number): RetentionResult {
    this.assertOpen();
    const result = applyRetention(this.db, nowMs, rawRetentionHours, retentionDays);
    if (result.deletedContainers > 0) this.loadKeys();
    return result;
  }

  clear(): void {
    this.assertOpen();
    this.db.exec('BEGIN; DELETE FROM metrics_raw; DELETE FROM metrics_minute; DELETE FROM metrics_containers; COMMIT');
    incrementalVacuum(this.db);
    this.keys.clear();
  }

  /** CSV of one container's history, or of every container's (of one engine, when given), ordered by container then time. */
  exportCsv(containerId?: string, engineId?: string): string {
    this.assertOpen();
    const targets =
      containerId === undefined
        ? this.containers(engineId).map((c) => ({ id: c.containerId, engine: c.engineId }))
        : [{ id: containerId, engine: engineId ?? UNKNOWN_ENGINE }];
    return samplesToCsv(targets.map(({ id, engine }) => ({ engineId: engine, samples: this.query(id, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, engine) })));
  }

  /** The whole database as SQLite file bytes (what persist() writes). */
  exportBytes(): Uint8Array {
    this.assertOpen();
    return this.db.export();
  }

  /**
   * Writes the database to filePath atomically (temp file in the same folder, then rename).
   * Calls are serialised; each writes the state as of its own call.
   */
  persist(hooks?: AtomicWriteHooks): Promise<void> {
    this.assertOpen();
    const data = this.exportBytes();
    const write = this.persisting.then(
      () => writeFileAtomic(this.filePath, data, hooks),
      () => writeFileAtomic(this.filePath, data, hooks),
    );
    this.persisting = write.catch(() => undefined);
    return write;
  }

  /** Frees the in-memory database; call persist() first to keep recent samples. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('metrics store is closed');
  }

  private loadKeys(): void {
    this.keys.clear();
    const stmt = this.db.prepare('SELECT container_key, engine_id, container_id, container_name FROM metrics_containers');
    try {
      while (stmt.step()) {
        const [key, engine, id, name] = stmt.get();
        const entry: KeyEntry = { key: Number(key), engineId: String(engine), containerId: String(id), name: String(name) };
        this.keys.set(keyOf(entry.engineId, entry.containerId), entry);
      }
    } finally {
      stmt.free();
    }
  }

  private *entries(engineId: string | undefined): Iterable<KeyEntry> {
    for (const entry of this.keys.values()) if (engineId === undefined || entry.engineId === engineId) yield entry;
  }

  // Rows from before engine keys (UNKNOWN_ENGINE) answer for any engine: container ids are random
  // 64-hex strings, so the same id on another engine is the same container in practice.
  private entryFor(engineId: string, containerId: string): KeyEntry | undefined {
    return this.keys.get(keyOf(engineId, containerId)) ?? this.keys.get(keyOf(UNKNOWN_ENGINE, containerId));
  }

  private keyFor(engineId: string, containerId: string, containerName: string): number {
    const entry = this.entryFor(engineId, containerId);
    if (entry && entry.engineId !== engineId) {
      // The first engine to record a container of a schema-1 file adopts its history.
      this.db.run('UPDATE metrics_containers SET engine_id = ? WHERE container_key = ?', [engineId, entry.key]);
      this.keys.delete(keyOf(entry.engineId, containerId));
      entry.engineId = engineId;
      this.keys.set(keyOf(engineId, containerId), entry);
    }
    if (entry && entry.name === containerName) return entry.key;
    if (entry) {
      this.db.run('UPDATE metrics_containers SET container_name = ? WHERE container_key = ?', [containerName, entry.key]);
      entry.name = containerName;
      return entry.key;
    }
    this.db.run('INSERT INTO metrics_containers (engine_id, container_id, container_name) VALUES (?, ?, ?)', [engineId, containerId, containerName]);
    const key = Number(this.db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
    this.keys.set(keyOf(engineId, containerId), { key, engineId, containerId, name: containerName });
    return key;
  }

  // Raw rows are always newer than minute averages, so the minute table is only a fallback.
  private newest(containerId: string, key: number, name: string): StoredSample | undefined {
    for (const stmt of [this.newestRaw, this.newestMinute]) {
      try {
        stmt.bind([key]);
        if (stmt.step()) return this.toSample(containerId, name, stmt.get());
      } finally {
        stmt.reset();
      }
    }
    return undefined;
  }

  // Row layout: ts, averaged flag, then METRIC_COLUMNS.
  private toSample(containerId: string, containerName: string, values: SqlValue[]): StoredSample {
    const sample: StoredSample = {
      containerId,
      containerName,
      timestamp: Number(values[0]),
      resolution: values[1] === 1 ? 'minute' : 'raw',
    };
    for (let i = 0; i < SAMPLE_FIELDS.length; i++) {
      const value = values[i + 2];
      if (typeof value === 'number') sample[SAMPLE_FIELDS[i]] = value;
    }
    const percent = percentOf(sample.memoryUsedBytes, sample.memoryLimitBytes);
    if (percent !== undefined) sample.memoryPercent = percent;
    return sample;
  }
}
