import type { Database } from 'sql.js';
import { METRIC_COLUMNS, MINUTE_MS } from './metricsSchema';

export const DEFAULT_RAW_RETENTION_HOURS = 24;
export const DEFAULT_RETENTION_DAYS = 7;

export interface RetentionResult {
  /** Raw rows folded into one-minute averages (and deleted). */
  downsampledRawRows: number;
  /** One-minute rows written or updated. */
  minuteRowsWritten: number;
  /** One-minute rows dropped for being older than the retention. */
  deletedMinuteRows: number;
  /** Containers forgotten because no row of theirs is left. */
  deletedContainers: number;
}

// When a late raw row lands in a minute that was already averaged, the two are combined weighted
// by their sample counts, so re-running retention never skews an average.
const MERGE_SET = METRIC_COLUMNS.map(
  (column) =>
    `${column} = CASE WHEN excluded.${column} IS NULL THEN ${column} WHEN ${column} IS NULL THEN excluded.${column} ` +
    `ELSE (${column} * sample_count + excluded.${column} * excluded.sample_count) / (sample_count + excluded.sample_count) END`,
).join(',\n    ');

const DOWNSAMPLE_SQL = `
INSERT INTO metrics_minute (container_key, ts, sample_count, ${METRIC_COLUMNS.join(', ')})
  SELECT container_key, (ts / ${MINUTE_MS}) * ${MINUTE_MS} AS minute, COUNT(*), ${METRIC_COLUMNS.map((column) => `AVG(${column})`).join(', ')}
  FROM metrics_raw WHERE ts < ?1
  GROUP BY container_key, minute
  ON CONFLICT (container_key, ts) DO UPDATE SET
    ${MERGE_SET},
    sample_count = sample_count + excluded.sample_count`;

/**
 * Folds raw samples older than `rawRetentionHours` into one-minute averages, then drops averages
 * older than `retentionDays`. The raw cutoff is rounded down to a whole minute so a minute is never
 * split between raw rows and its average.
 */
export function applyRetention(
  db: Database,
  nowMs: number,
  rawRetentionHours: number = DEFAULT_RAW_RETENTION_HOURS,
  retentionDays: number = DEFAULT_RETENTION_DAYS,
): RetentionResult {
  const rawCutoff = Math.floor((nowMs - rawRetentionHours * 3_600_000) / MINUTE_MS) * MINUTE_MS;
  const minuteCutoff = nowMs - retentionDays * 86_400_000;
  const result: RetentionResult = { downsampledRawRows: 0, minuteRowsWritten: 0, deletedMinuteRows: 0, deletedContainers: 0 };
  db.exec('BEGIN');
  try {
    db.run(DOWNSAMPLE_SQL, [rawCutoff]);
    result.minuteRowsWritten = db.getRowsModified();
    db.run('DELETE FROM metrics_raw WHERE ts < ?', [rawCutoff]);
    result.downsampledRawRows = db.getRowsModified();
    db.run('DELETE FROM metrics_minute WHERE ts < ?', [minuteCutoff]);
    result.deletedMinuteRows = db.getRowsModified();
    db.run(`DELETE FROM metrics_containers WHERE
      NOT EXISTS (SELECT 1 FROM metrics_raw r WHERE r.container_key = metrics_containers.container_key) AND
      NOT EXISTS (SELECT 1 FROM metrics_minute m WHERE m.container_key = metrics_containers.container_key)`);
    result.deletedContainers = db.getRowsModified();
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  if (result.downsampledRawRows + result.deletedMinuteRows > 0) incrementalVacuum(db);
  return result;
}

/** Returns pages freed by deletes to the file so exports shrink (needs auto_vacuum=INCREMENTAL). */
export function incrementalVacuum(db: Database): void {
  db.exec('PRAGMA incremental_vacuum');
}
