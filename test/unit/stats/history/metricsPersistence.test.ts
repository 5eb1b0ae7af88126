import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { openMetricsStore } from '../../../../src/stats/history/metricsStore';
import { tempPathFor } from '../../../../src/stats/history/atomicFile';
import { METRICS_SCHEMA_VERSION } from '../../../../src/stats/history/metricsSchema';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const A = 'a'.repeat(64);
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const SQLITE_MAGIC = 'SQLite format 3\0';
const PINNED_NOW = Date.UTC(2026, 10, 28, 13, 14, 15, 678);
const STAMP = '2026-11-28T13-14-15-678Z';

function samples(count: number): ReturnType<typeof sample>[] {
  return Array.from({ length: count }, (_, i) =>
    sample(A, T0 + i * 5_000, { cpuPercent: i / 4, memoryUsedBytes: 1_000_000 + i, memoryLimitBytes: 67108864, pids: i % 7 }),
  );
}

describe('metrics store on disk', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, 'history', 'metrics.sqlite');
  });
  afterEach(() => removeTempDir(dir));

  it('opening without a file starts empty and writes nothing until persist()', async () => {
    const { store, recovered } = await openMetricsStore(file, WASM_PATH);
    assert.equal(recovered, undefined);
    assert.deepEqual(store.containers(), []);
    assert.equal(existsSync(file), false);
    store.close();
  });

  it('open → insert → persist → reopen gives the same rows', async () => {
    const first = await openMetricsStore(file, WASM_PATH);
    first.store.insert(samples(500));
    const before = first.store.query(A, 0, Number.MAX_SAFE_INTEGER);
    await first.store.persist();
    first.store.close();
    assert.equal(readFileSync(file).subarray(0, 16).toString('latin1'), SQLITE_MAGIC);

    const second = await openMetricsStore(file, WASM_PATH);
    assert.equal(second.recovered, undefined);
    assert.equal(before.length, 500);
    assert.deepEqual(second.store.query(A, 0, Number.MAX_SAFE_INTEGER), before);
    assert.deepEqual(second.store.containers(), [{ engineId: '', containerId: A, containerName: `name-${A}`, lastTimestamp: T0 + 499 * 5_000 }]);
    second.store.close();
  });

  it('the file carries the schema version and the documented container_metrics columns', async () => {
    const { store } = await openMetricsStore(file, WASM_PATH);
    store.insert(samples(2));
    await store.persist();
    store.close();
    const SQL = await initSqlJs({ locateFile: () => WASM_PATH });
    const db = new SQL.Database(readFileSync(file));
    assert.equal(db.exec('PRAGMA user_version')[0].values[0][0], METRICS_SCHEMA_VERSION);
    const [result] = db.exec('SELECT * FROM container_metrics ORDER BY ts');
    assert.deepEqual(result.columns, [
      'engine_id', 'container_id', 'container_name', 'ts', 'cpu_usage_percent', 'memory_usage_bytes', 'memory_limit_bytes',
      'network_rx_bytes', 'network_tx_bytes', 'block_read_bytes', 'block_write_bytes', 'pids',
    ]);
    assert.deepEqual(result.values[1], ['', A, `name-${A}`, T0 + 5_000, 0.25, 1_000_001, 67108864, null, null, null, null, 1]);
    db.close();
  });

  it('persist writes a temp file in the same folder, then renames it over the old file', async () => {
    const { store } = await openMetricsStore(file, WASM_PATH);
    store.insert(samples(10));
    await store.persist();
    const oldBytes = readFileSync(file);
    store.insert(samples(20));

    let seenTemp: string | undefined;
    await store.persist({
      beforeRename: (tempPath) => {
        seenTemp = tempPath;
        assert.equal(path.dirname(tempPath), path.dirname(file));
        assert.notEqual(tempPath, file);
        assert.equal(readFileSync(tempPath).subarray(0, 16).toString('latin1'), SQLITE_MAGIC);
        // Until the rename, the previous file is untouched.
        assert.deepEqual(readFileSync(file), oldBytes);
      },
    });
    assert.ok(seenTemp, 'the write went through a temp file');
    assert.equal(existsSync(seenTemp), false);
    assert.deepEqual(readdirSync(path.dirname(file)), ['metrics.sqlite']);
    assert.notDeepEqual(readFileSync(file), oldBytes);
    store.close();
  });

  it('a failed rename leaves the old file and no temp file', async () => {
    const { store } = await openMetricsStore(file, WASM_PATH);
    store.insert(samples(3));
    // A non-empty directory where the file should go: rename cannot replace it.
    mkdirSync(path.join(file, 'occupied'), { recursive: true });
    await assert.rejects(store.persist());
    assert.deepEqual(readdirSync(path.dirname(file)).sort(), ['metrics.sqlite']);
    assert.deepEqual(readdirSync(file), ['occupied']);
    store.close();
  });

  it('a file of garbage is moved aside, kept, and replaced by an empty store', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const { store, recovered } = await openMetricsStore(file, WASM_PATH, { now: () => PINNED_NOW });
    assert.ok(recovered);
    assert.equal(recovered.reason, 'corrupt');
    assert.equal(recovered.movedTo, `${file}.corrupt-${STAMP}`);
    assert.match(recovered.detail, /not a database/);
    assert.deepEqual(readFileSync(recovered.movedTo), garbage);
    assert.equal(existsSync(file), false);

    assert.deepEqual(store.containers(), []);
    store.insert(samples(2));
    await store.persist();
    store.close();
    const reopened = await openMetricsStore(file, WASM_PATH);
    assert.equal(reopened.recovered, undefined);
    assert.equal(reopened.store.query(A, 0, Number.MAX_SAFE_INTEGER).length, 2);
    reopened.store.close();
  });

  it('a second recovery in the same millisecond does not overwrite the first', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'first garbage');
    const first = await openMetricsStore(file, WASM_PATH, { now: () => PINNED_NOW });
    first.store.close();
    writeFileSync(file, 'second garbage');
    const second = await openMetricsStore(file, WASM_PATH, { now: () => PINNED_NOW });
    second.store.close();
    assert.equal(second.recovered?.movedTo, `${file}.corrupt-${STAMP}-1`);
    assert.equal(readFileSync(`${file}.corrupt-${STAMP}`, 'utf8'), 'first garbage');
    assert.equal(readFileSync(`${file}.corrupt-${STAMP}-1`, 'utf8'), 'second garbage');
  });

  it('a database from a newer schema is moved aside untouched', async () => {
    const SQL = await initSqlJs({ locateFile: () => WASM_PATH });
    const newer = new SQL.Database();
    newer.exec(`CREATE TABLE future_metrics (x INTEGER); INSERT INTO future_metrics VALUES (42); PRAGMA user_version = ${METRICS_SCHEMA_VERSION + 1};`);
    const bytes = newer.export();
    newer.close();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);

    const { store, recovered } = await openMetricsStore(file, WASM_PATH, { now: () => PINNED_NOW });
    assert.ok(recovered);
    assert.equal(recovered.reason, 'newerSchema');
    assert.equal(recovered.movedTo, `${file}.newer-${STAMP}`);
    assert.deepEqual(new Uint8Array(readFileSync(recovered.movedTo)), bytes);
    assert.deepEqual(store.containers(), []);
    store.close();
  });

  it('a truncated database is treated as corrupt', async () => {
    const first = await openMetricsStore(file, WASM_PATH);
    first.store.insert(samples(5_000));
    await first.store.persist();
    first.store.close();
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));

    const { store, recovered } = await openMetricsStore(file, WASM_PATH, { now: () => PINNED_NOW });
    assert.ok(recovered);
    assert.equal(recovered.reason, 'corrupt');
    assert.equal(readFileSync(recovered.movedTo).length, Math.floor(whole.length / 2));
    store.close();
  });

  it('temp files a crashed write left behind are removed once stale', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const stale = tempPathFor(file);
    const fresh = tempPathFor(file);
    const unrelated = path.join(path.dirname(file), 'notes.txt');
    for (const p of [stale, fresh, unrelated]) writeFileSync(p, 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    const { store } = await openMetricsStore(file, WASM_PATH);
    store.close();
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(fresh), true);
    assert.equal(existsSync(unrelated), true);
  });
});
