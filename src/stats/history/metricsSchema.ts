import type { Database } from 'sql.js';

// Schema of the metrics history (PRAGMA user_version = METRICS_SCHEMA_VERSION).
//
// metrics_containers   one row per container ever sampled: a small integer key, the ID of the engine
//                      it runs on (`/info` ID; '' for rows from schema 1, which did not know it), the
//                      container's id and the latest name seen. (engine_id, container_id) is unique,
//                      so a second engine's containers never mix with the first's.
// metrics_raw          one row per sample, keyed by (container_key, ts). WITHOUT ROWID makes the
//                      table itself the (container, time) index: range queries read one contiguous
//                      stretch, and rows carry an 8-byte key instead of a 64-character id. Measured
//                      with sql.js on 1,000,000 rows: ~320k inserts/s and 48 MB, against ~70k/s and
//                      220 MB for text ids in every row plus a separate index.
// metrics_minute       one-minute averages of raw rows older than the raw retention; ts is the
//                      start of the minute, sample_count the number of raw rows averaged. Each
//                      metric is AVG() over that minute's non-NULL values (NULL if all were NULL).
// container_metrics, container_metrics_minute
//                      views with the textual container_id/container_name on every row, for
//                      exports and for anyone reading the file with the sqlite3 shell.
//
// NULL in a metric column means the engine did not report it. Timestamps are ms since the epoch.

export const METRICS_SCHEMA_VERSION = 2;
/** engine_id of rows written before samples were keyed by engine (schema 1). */
export const UNKNOWN_ENGINE = '';
export const MINUTE_MS = 60_000;

/** Metric columns in storage order; the raw and minute tables share them. */
export const METRIC_COLUMNS = [
  'cpu_usage_percent',
  'memory_usage_bytes',
  'memory_limit_bytes',
  'network_rx_bytes',
  'network_tx_bytes',
  'block_read_bytes',
  'block_write_bytes',
  'pids',
] as const;

export type MetricColumn = (typeof METRIC_COLUMNS)[number];

const RAW_TYPES: Record<MetricColumn, string> = {
  cpu_usage_percent: 'REAL',
  memory_usage_bytes: 'INTEGER',
  memory_limit_bytes: 'INTEGER',
  network_rx_bytes: 'INTEGER',
  network_tx_bytes: 'INTEGER',
  block_read_bytes: 'INTEGER',
  block_write_bytes: 'INTEGER',
  pids: 'INTEGER',
};

function metricColumnsDdl(averaged: boolean): string {
  return METRIC_COLUMNS.map((column) => `${column} ${averaged ? 'REAL' : RAW_TYPES[column]}`).join(',\n  ');
}

const METRIC_LIST = METRIC_COLUMNS.join(', ');

const CONTAINERS_TABLE = (name: string): string => `
CREATE TABLE IF NOT EXISTS ${name} (
  container_key INTEGER PRIMARY KEY,
  engine_id TEXT NOT NULL,
  container_id TEXT NOT NULL,
  container_name TEXT NOT NULL,
  UNIQUE (engine_id, container_id)
);`;

// Schema 1 → 2: the container table gains engine_id (its unique key changes, so the table is
// rebuilt; SQLite cannot alter a constraint). Keys stay, so the sample tables are untouched.
// The views name the old table and are recreated by SCHEMA.
const MIGRATE_1_TO_2 = `
DROP VIEW IF EXISTS container_metrics;
DROP VIEW IF EXISTS container_metrics_minute;
${CONTAINERS_TABLE('metrics_containers_v2')}
INSERT INTO metrics_containers_v2 (container_key, engine_id, container_id, container_name)
  SELECT container_key, '', container_id, container_name FROM metrics_containers;
DROP TABLE metrics_containers;
ALTER TABLE metrics_containers_v2 RENAME TO metrics_containers;
`;

const SCHEMA = `
${CONTAINERS_TABLE('metrics_containers')}
CREATE TABLE IF NOT EXISTS metrics_raw (
  container_key INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  ${metricColumnsDdl(false)},
  PRIMARY KEY (container_key, ts)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metrics_minute (
  container_key INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  sample_count INTEGER NOT NULL,
  ${metricColumnsDdl(true)},
  PRIMARY KEY (container_key, ts)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS container_metrics AS
  SELECT c.engine_id, c.container_id, c.container_name, r.ts, ${METRIC_COLUMNS.map((column) => `r.${column}`).join(', ')}
  FROM metrics_raw r JOIN metrics_containers c USING (container_key);
CREATE VIEW IF NOT EXISTS container_metrics_minute AS
  SELECT c.engine_id, c.container_id, c.container_name, m.ts, m.sample_count, ${METRIC_COLUMNS.map((column) => `m.${column}`).join(', ')}
  FROM metrics_minute m JOIN metrics_containers c USING (container_key);
`;

/** Reads PRAGMA user_version; throws if the bytes are not an SQLite database. */
export function readSchemaVersion(db: Database): number {
  // Touching sqlite_master forces SQLite to parse the header and schema of a loaded file.
  db.exec('SELECT count(*) FROM sqlite_master');
  const result = db.exec('PRAGMA user_version');
  return Number(result[0]?.values[0]?.[0] ?? 0);
}

/** Creates (version 0) or upgrades the schema to METRICS_SCHEMA_VERSION. */
export function ensureSchema(db: Database, fromVersion: number): void {
  if (fromVersion === 0) {
    // Must precede the first table so freed pages can later be returned (see incrementalVacuum).
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  }
  // Later versions add their migration steps here, each guarded by `fromVersion < n`.
  db.exec('BEGIN');
  try {
    if (fromVersion === 1) db.exec(MIGRATE_1_TO_2);
    db.exec(SCHEMA);
    db.exec(`PRAGMA user_version = ${METRICS_SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Per-connection settings; the rollback journal stays so a failed batch can roll back. */
export function configureConnection(db: Database): void {
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768');
}

/** Values per raw row: container_key, ts, then the metrics. */
export const RAW_ROW_WIDTH = METRIC_COLUMNS.length + 2;

/**
 * Inserts `rows` raw rows in one statement. With sql.js every step and reset is a call into
 * WebAssembly; 50 rows per step measured ~25% more rows/s than one (500 bound values, far below
 * SQLite's limit of 32766).
 */
export function insertRawSql(rows: number): string {
  const row = `(${new Array(RAW_ROW_WIDTH).fill('?').join(', ')})`;
  return `INSERT OR REPLACE INTO metrics_raw (container_key, ts, ${METRIC_LIST}) VALUES ${new Array(rows).fill(row).join(', ')}`;
}

export const INSERT_RAW_SQL = insertRawSql(1);

export const SELECT_RANGE_SQL = `
SELECT ts, 0 AS averaged, ${METRIC_LIST} FROM metrics_raw WHERE container_key = ?1 AND ts BETWEEN ?2 AND ?3
UNION ALL
SELECT ts, 1 AS averaged, ${METRIC_LIST} FROM metrics_minute WHERE container_key = ?1 AND ts BETWEEN ?2 AND ?3
ORDER BY ts`;

export const SELECT_NEWEST_RAW_SQL = `SELECT ts, 0 AS averaged, ${METRIC_LIST} FROM metrics_raw WHERE container_key = ? ORDER BY ts DESC LIMIT 1`;
export const SELECT_NEWEST_MINUTE_SQL = `SELECT ts, 1 AS averaged, ${METRIC_LIST} FROM metrics_minute WHERE container_key = ? ORDER BY ts DESC LIMIT 1`;
