import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { openMetricsStore } from '../../../../src/stats/history/metricsStore';
import { METRICS_SCHEMA_VERSION } from '../../../../src/stats/history/metricsSchema';
import { fixturePath } from '../../../support/paths';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const T0 = Date.UTC(2026, 0, 1);
const ENGINE_1 = 'AAAA:BBBB:CCCC:DDDD:EEEE:FFFF:0000:1111:2222:3333:4444:5555';
const ENGINE_2 = '9999:8888:7777:6666:5555:4444:3333:2222:1111:0000:FFFF:EEEE';

describe('metrics history: schema 1 files migrate in place to engine-keyed rows', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, 'metrics.sqlite');
    // Written by the schema-1 store (see test/fixtures/stats/README.md).
    copyFileSync(fixturePath('stats', 'metrics-v1.sqlite'), file);
  });
  afterEach(() => removeTempDir(dir));

  it('keeps every row, with the engine unknown until an engine records the container again', async () => {
    const { store, recovered } = await openMetricsStore(file, WASM_PATH);
    try {
      assert.equal(recovered, undefined, 'an older file is migrated, not set aside');
      assert.deepEqual(
        store.containers().map((c) => [c.engineId, c.containerId, c.containerName]),
        [
          ['', B, 'db'],
          ['', A, 'web'],
        ],
      );
      const web = store.query(A, 0, Number.MAX_SAFE_INTEGER, ENGINE_1);
      assert.equal(web.length, 10, 'an engine-keyed query reads the schema-1 rows of that container');
      assert.deepEqual(web.map((s) => s.cpuPercent), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const db = store.query(B, 0, Number.MAX_SAFE_INTEGER);
      assert.deepEqual(db.map((s) => s.resolution), ['minute', 'raw', 'raw', 'raw', 'raw']);

      // The engine that records the container again adopts its history; another engine's container stays apart.
      store.insert([sample(A, T0 + 60_000, { cpuPercent: 42 }, 'web')], ENGINE_1);
      store.insert([sample(A, T0 + 60_000, { cpuPercent: 7 }, 'web-elsewhere')], ENGINE_2);
      assert.equal(store.query(A, 0, Number.MAX_SAFE_INTEGER, ENGINE_1).length, 11);
      assert.deepEqual(store.query(A, 0, Number.MAX_SAFE_INTEGER, ENGINE_2).map((s) => s.cpuPercent), [7]);
      assert.deepEqual(
        store.containers().map((c) => [c.engineId, c.containerName]),
        [
          ['', 'db'],
          [ENGINE_1, 'web'],
          [ENGINE_2, 'web-elsewhere'],
        ],
      );
      assert.deepEqual(store.containers(ENGINE_2).map((c) => c.containerName), ['web-elsewhere']);
      await store.persist();
    } finally {
      store.close();
    }

    // On disk: the new version, the engine column in the table and in the views.
    const SQL = await initSqlJs({ locateFile: () => WASM_PATH });
    const raw = new SQL.Database(readFileSync(file));
    try {
      assert.equal(raw.exec('PRAGMA user_version')[0].values[0][0], METRICS_SCHEMA_VERSION);
      const rows = raw.exec('SELECT engine_id, count(*) FROM container_metrics GROUP BY engine_id ORDER BY engine_id')[0].values;
      assert.deepEqual(rows, [
        ['', 4],
        [ENGINE_2, 1],
        [ENGINE_1, 11],
      ]);
    } finally {
      raw.close();
    }
  });
});
