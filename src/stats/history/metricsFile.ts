import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { promises as fs } from 'node:fs';
import { configureConnection, ensureSchema, METRICS_SCHEMA_VERSION, readSchemaVersion } from './metricsSchema';
import type { MetricsRecovery } from './metricsTypes';

const sqlJsByWasm = new Map<string, Promise<SqlJsStatic>>();

/** sql.js compiled once per wasm file; the caller passes the wasm's path (bundled with the extension). */
export function loadSqlJs(wasmPath: string): Promise<SqlJsStatic> {
  let loading = sqlJsByWasm.get(wasmPath);
  if (!loading) {
    loading = initSqlJs({ locateFile: () => wasmPath });
    // A failed load (wrong path) must not stick: the next open tries again.
    loading.catch(() => sqlJsByWasm.delete(wasmPath));
    sqlJsByWasm.set(wasmPath, loading);
  }
  return loading;
}

export interface LoadedDatabase {
  db: Database;
  recovered?: MetricsRecovery;
  /** Read-only loads leave a bad file where it is (the recording window sets it aside) and say why. */
  unreadable?: Omit<MetricsRecovery, 'movedTo'>;
}

/**
 * Loads the history file into memory, or starts an empty database when there is none. A file that
 * is not a usable metrics database, or that a newer Berth wrote, is renamed aside (kept) and an
 * empty database takes its place.
 */
export async function loadMetricsDatabase(SQL: SqlJsStatic, filePath: string, nowMs: number, readOnly = false): Promise<LoadedDatabase> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (bytes === undefined || bytes.length === 0) return { db: freshDatabase(SQL) };

  let db: Database | undefined;
  let problem: { reason: MetricsRecovery['reason']; detail: string };
  try {
    db = new SQL.Database(bytes);
    const version = readSchemaVersion(db);
    if (version <= METRICS_SCHEMA_VERSION) {
      ensureSchema(db, version);
      configureConnection(db);
      return { db };
    }
    problem = { reason: 'newerSchema', detail: `schema version ${version}; this version of Berth reads up to ${METRICS_SCHEMA_VERSION}` };
  } catch (error) {
    problem = { reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
  db?.close();
  if (readOnly) return { db: freshDatabase(SQL), unreadable: problem };
  const movedTo = await moveAside(filePath, problem.reason === 'corrupt' ? 'corrupt' : 'newer', nowMs);
  return { db: freshDatabase(SQL), recovered: { ...problem, movedTo } };
}

export function freshDatabase(SQL: SqlJsStatic): Database {
  const db = new SQL.Database();
  ensureSchema(db, 0);
  configureConnection(db);
  return db;
}

/** `<file>.<label>-<UTC time>`, with a counter if that name is taken. */
async function moveAside(filePath: string, label: string, nowMs: number): Promise<string> {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt++) {
    const candidate = `${filePath}.${label}-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    if (await exists(candidate)) continue;
    try {
      await fs.rename(filePath, candidate);
    } catch {
      // Renaming can fail while another program holds the file (Windows); a copy keeps the data
      // just as well, and the next persist replaces the original.
      await fs.copyFile(filePath, candidate);
    }
    return candidate;
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await fs.access(filePath);
    return true;
  } catch {
    return false;
  }
}
