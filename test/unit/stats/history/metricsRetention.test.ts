import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { openMetricsStore, type MetricsStore } from '../../../../src/stats/history/metricsStore';
import type { StoredSample } from '../../../../src/stats/history/metricsTypes';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;
// 30 s past a whole minute, so the 24-hour cutoff falls inside a minute.
const NOW = Date.UTC(2026, 10, 28, 12, 0, 30);
const A = 'a'.repeat(64);
const GONE = 'f'.repeat(64);

// Two minutes more than a day old, one recent stretch, and one container only seen 8 days ago.
const OLD_MINUTE_1 = NOW - 30_000 - DAY - 10 * MINUTE; // start of a whole minute
const OLD_MINUTE_2 = OLD_MINUTE_1 + MINUTE;

describe('metrics retention and downsampling', () => {
  let dir: string;
  let store: MetricsStore;

  before(async () => {
    dir = makeTempDir();
    ({ store } = await openMetricsStore(path.join(dir, 'metrics.sqlite'), WASM_PATH));
    store.insert([
      sample(A, OLD_MINUTE_1 + 0, { cpuPercent: 10, memoryUsedBytes: 100, memoryLimitBytes: 1000, networkRxBytes: 1000, pids: 1 }),
      sample(A, OLD_MINUTE_1 + 20_000, { cpuPercent: 20, memoryUsedBytes: 200, memoryLimitBytes: 1000, pids: 2 }),
      sample(A, OLD_MINUTE_1 + 59_999, { cpuPercent: 60, memoryUsedBytes: 300, memoryLimitBytes: 1000, networkRxBytes: 3000, pids: 3 }),
      sample(A, OLD_MINUTE_2 + 5_000, { cpuPercent: 1.5, blockReadBytes: 4096 }),
      sample(A, OLD_MINUTE_2 + 10_000, { cpuPercent: 2.5, blockReadBytes: 8192 }),
      // Older than 24 h, but in the minute the cutoff falls in: stays raw so that minute is not split.
      sample(A, NOW - DAY - 10_000, { cpuPercent: 7 }),
      sample(A, NOW - HOUR, { cpuPercent: 50, pids: 5 }),
      sample(A, NOW, { cpuPercent: 51 }),
      sample(GONE, NOW - 8 * DAY, { cpuPercent: 3 }),
      sample(GONE, NOW - 8 * DAY + 5_000, { cpuPercent: 4 }),
    ]);
  });
  after(() => {
    store.close();
    removeTempDir(dir);
  });

  const expected: StoredSample[] = [
    {
      containerId: A, containerName: `name-${A}`, timestamp: OLD_MINUTE_1, resolution: 'minute',
      cpuPercent: 30, memoryUsedBytes: 200, memoryLimitBytes: 1000, memoryPercent: 20,
      // AVG skips missing values: (1000 + 3000) / 2, not / 3.
      networkRxBytes: 2000, pids: 2,
    },
    { containerId: A, containerName: `name-${A}`, timestamp: OLD_MINUTE_2, resolution: 'minute', cpuPercent: 2, blockReadBytes: 6144 },
    { containerId: A, containerName: `name-${A}`, timestamp: NOW - DAY - 10_000, resolution: 'raw', cpuPercent: 7 },
    { containerId: A, containerName: `name-${A}`, timestamp: NOW - HOUR, resolution: 'raw', cpuPercent: 50, pids: 5 },
    { containerId: A, containerName: `name-${A}`, timestamp: NOW, resolution: 'raw', cpuPercent: 51 },
  ];

  it('folds raw rows older than 24 h into exact one-minute averages and drops what is older than 7 days', () => {
    const result = store.retention(NOW);
    assert.deepEqual(result, { downsampledRawRows: 7, minuteRowsWritten: 3, deletedMinuteRows: 1, deletedContainers: 1 });
    assert.deepEqual(store.query(A, 0, Number.MAX_SAFE_INTEGER), expected);
  });

  it('forgets containers with nothing left', () => {
    assert.deepEqual(store.query(GONE, 0, Number.MAX_SAFE_INTEGER), []);
    assert.deepEqual(store.containers().map((c) => c.containerId), [A]);
  });

  it('running it again changes nothing', () => {
    assert.deepEqual(store.retention(NOW), { downsampledRawRows: 0, minuteRowsWritten: 0, deletedMinuteRows: 0, deletedContainers: 0 });
    assert.deepEqual(store.query(A, 0, Number.MAX_SAFE_INTEGER), expected);
  });

  it('a late sample for an averaged minute is merged weighted by sample count', () => {
    store.insert([sample(A, OLD_MINUTE_1 + 30_000, { cpuPercent: 70, pids: 6 })]);
    store.retention(NOW);
    const [first] = store.query(A, OLD_MINUTE_1, OLD_MINUTE_1);
    // cpu: (3 × 30 + 70) / 4; pids: (3 × 2 + 6) / 4; memory had no new value and keeps its average.
    assert.deepEqual(first, { ...expected[0], cpuPercent: 40, pids: 3 });
  });

  it('custom windows: raw kept for an hour, averages for a day', () => {
    const later = NOW + MINUTE;
    store.retention(later, 1, 1);
    const rows = store.query(A, 0, Number.MAX_SAFE_INTEGER);
    assert.deepEqual(
      rows.map((r) => [r.timestamp, r.resolution, r.cpuPercent, r.pids]),
      [
        // NOW − 1 h is now more than an hour (and a whole minute) old; everything from the day
        // before, averaged or not, is older than a day and gone.
        [Math.floor((NOW - HOUR) / MINUTE) * MINUTE, 'minute', 50, 5],
        [NOW, 'raw', 51, undefined],
      ],
    );
  });
});
