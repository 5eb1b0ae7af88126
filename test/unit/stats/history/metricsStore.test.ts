import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { openMetricsStore, type MetricsStore } from '../../../../src/stats/history/metricsStore';
import type { ContainerSample } from '../../../../src/stats/statsMath';
import type { StoredSample } from '../../../../src/stats/history/metricsTypes';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

function raw(s: ContainerSample): StoredSample {
  return { ...s, resolution: 'raw' };
}

describe('metrics store: insert and read back', () => {
  let dir: string;
  let store: MetricsStore;

  before(async () => {
    dir = makeTempDir();
    ({ store } = await openMetricsStore(path.join(dir, 'metrics.sqlite'), WASM_PATH));
  });
  after(() => {
    store.close();
    removeTempDir(dir);
  });

  const full = sample(A, T0, {
    cpuPercent: 12.5,
    memoryUsedBytes: 2838528,
    memoryLimitBytes: 67108864,
    networkRxBytes: 2870,
    networkTxBytes: 672,
    blockReadBytes: 0,
    blockWriteBytes: 4096,
    pids: 4,
  });
  const sparse = sample(A, T0 + 5_000, { memoryUsedBytes: 1_000_000 });
  const other = sample(B, T0 + 2_500, { cpuPercent: 0, pids: 1 });
  const later = sample(A, T0 + 10_000, { cpuPercent: 99.25, memoryUsedBytes: 3_000_000, memoryLimitBytes: 67108864 });

  it('query returns one container’s samples in time order, with absent metrics absent', () => {
    // Inserted out of order and interleaved with another container.
    store.insert([later, other, full]);
    store.insert([sparse]);
    assert.deepEqual(store.query(A, T0, T0 + 10_000), [raw(full), raw(sparse), raw(later)]);
    assert.deepEqual(store.query(B, 0, Number.MAX_SAFE_INTEGER), [raw(other)]);
  });

  it('the range is inclusive at both ends and empty outside', () => {
    assert.deepEqual(store.query(A, T0 + 5_000, T0 + 5_000), [raw(sparse)]);
    assert.deepEqual(store.query(A, T0 + 1, T0 + 4_999), []);
    assert.deepEqual(store.query('unknown', 0, Number.MAX_SAFE_INTEGER), []);
  });

  it('latest per container and the container list', () => {
    const latest = store.latest().sort((x, y) => x.containerId.localeCompare(y.containerId));
    assert.deepEqual(latest, [raw(later), raw(other)]);
    assert.deepEqual(store.containers(), [
      { engineId: '', containerId: A, containerName: `name-${A}`, lastTimestamp: T0 + 10_000 },
      { engineId: '', containerId: B, containerName: `name-${B}`, lastTimestamp: T0 + 2_500 },
    ]);
  });

  it('a sample at an existing time replaces it; a new name is remembered', () => {
    const replacement = sample(A, T0 + 5_000, { cpuPercent: 1 }, 'renamed');
    store.insert([replacement]);
    const rows = store.query(A, T0 + 5_000, T0 + 5_000);
    assert.deepEqual(rows, [raw(replacement)]);
    assert.equal(store.containers().find((c) => c.containerId === A)?.containerName, 'renamed');
  });

  it('of two samples for one container and time in one batch, the later wins, at any batch size', () => {
    // 120 samples: more than one multi-row statement, with the pair split across them.
    const filler = Array.from({ length: 118 }, (_, i) => sample(B, T0 + 100_000 + i * 1000, { pids: i }));
    const first = sample(A, T0 + 50_000, { cpuPercent: 1 });
    const second = sample(A, T0 + 50_000, { cpuPercent: 2 });
    store.insert([first, ...filler, second]);
    assert.deepEqual(store.query(A, T0 + 50_000, T0 + 50_000), [raw(second)]);
    assert.equal(store.query(B, T0 + 100_000, T0 + 300_000).length, 118);
  });

  it('a failing batch is rolled back entirely', () => {
    const before = store.query(B, 0, Number.MAX_SAFE_INTEGER);
    const bad = { containerId: 'c'.repeat(64), containerName: 'c', timestamp: T0 } as ContainerSample;
    const broken = { ...bad, containerName: null } as unknown as ContainerSample;
    assert.throws(() => store.insert([sample(B, T0 + 60_000, { pids: 9 }), bad, broken]));
    assert.deepEqual(store.query(B, 0, Number.MAX_SAFE_INTEGER), before);
    assert.equal(store.containers().some((c) => c.containerId === 'c'.repeat(64)), false);
    // The store keeps working after the rollback.
    store.insert([bad]);
    assert.equal(store.query('c'.repeat(64), 0, Number.MAX_SAFE_INTEGER).length, 1);
  });

  it('clear() forgets everything', () => {
    store.clear();
    assert.deepEqual(store.containers(), []);
    assert.deepEqual(store.latest(), []);
    assert.deepEqual(store.query(A, 0, Number.MAX_SAFE_INTEGER), []);
    store.insert([full]);
    assert.deepEqual(store.query(A, 0, Number.MAX_SAFE_INTEGER), [raw(full)]);
  });

  it('samples without an id or a usable time are skipped, the rest written', () => {
    const written = store.insert([
      { containerId: '', containerName: 'x', timestamp: T0 },
      { containerId: B, containerName: 'b', timestamp: Number.NaN },
      sample(B, T0 + 90_000, { pids: 2 }),
    ]);
    assert.equal(written, 1);
    assert.equal(store.containers().some((c) => c.containerId === ''), false);
    assert.deepEqual(store.query(B, T0 + 90_000, T0 + 90_000).map((s) => s.pids), [2]);
  });

  it('non-finite values are stored as missing', () => {
    const odd = { containerId: B, containerName: 'b', timestamp: T0 + 1, cpuPercent: Number.NaN, pids: Number.POSITIVE_INFINITY, memoryUsedBytes: 5 };
    store.insert([odd]);
    assert.deepEqual(store.query(B, T0 + 1, T0 + 1), [{ containerId: B, containerName: 'b', timestamp: T0 + 1, memoryUsedBytes: 5, resolution: 'raw' }]);
  });
});
