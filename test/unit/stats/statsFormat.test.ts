import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byteStep, formatBytes, formatPercent, formatRate, sortOverviewRows, timeTicks } from '../../../src/stats/statsFormat';
import type { OverviewRow } from '../../../src/stats/statsProtocol';

describe('stats formatting', () => {
  it('bytes in binary units, as docker stats shows memory', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1536), '1.50 KiB');
    assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB');
    assert.equal(formatBytes(300 * 1024 * 1024), '300 MiB');
    assert.equal(formatBytes(2 * 1024 ** 4 * 1024), '2048 TiB');
  });

  it('missing or non-finite values show a dash, never NaN', () => {
    for (const v of [undefined, null, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(formatBytes(v), '–');
      assert.equal(formatRate(v), '–');
      assert.equal(formatPercent(v), '–');
    }
  });

  it('percent and rates', () => {
    assert.equal(formatPercent(99.87), '99.9 %');
    assert.equal(formatPercent(187.4), '187 %');
    assert.equal(formatRate(2048), '2.00 KiB/s');
  });
});

describe('sortOverviewRows', () => {
  const rows: OverviewRow[] = [
    { id: '1', name: 'web', image: 'nginx', cpuPercent: 5, memoryUsedBytes: 300 },
    { id: '2', name: 'db', image: 'postgres', cpuPercent: 80, memoryUsedBytes: 100 },
    { id: '3', name: 'new', image: 'busybox' },
    { id: '4', name: 'api', image: 'node', cpuPercent: 5, memoryUsedBytes: 200 },
  ];

  it('sorts numbers either way, ties by name, rows without a value last', () => {
    assert.deepEqual(sortOverviewRows(rows, 'cpuPercent', true).map((r) => r.name), ['db', 'api', 'web', 'new']);
    assert.deepEqual(sortOverviewRows(rows, 'cpuPercent', false).map((r) => r.name), ['api', 'web', 'db', 'new']);
    assert.deepEqual(sortOverviewRows(rows, 'memoryUsedBytes', true).map((r) => r.name), ['web', 'api', 'db', 'new']);
  });

  it('sorts text alphabetically and leaves the input alone', () => {
    assert.deepEqual(sortOverviewRows(rows, 'name', false).map((r) => r.name), ['api', 'db', 'new', 'web']);
    assert.deepEqual(sortOverviewRows(rows, 'image', true).map((r) => r.image), ['postgres', 'node', 'nginx', 'busybox']);
    assert.equal(rows[0].name, 'web');
  });
});

describe('axis ticks', () => {
  it('time ticks fall on round clock times inside the window', () => {
    const min = Date.UTC(2026, 0, 1, 10, 3, 20);
    assert.deepEqual(timeTicks(min, min + 150_000, 'live', 0), [Date.UTC(2026, 0, 1, 10, 4), Date.UTC(2026, 0, 1, 10, 5)]);
    const hour = timeTicks(min, min + 3_600_000, '1h', 0);
    assert.equal(hour.length, 6);
    assert.equal(hour[0], Date.UTC(2026, 0, 1, 10, 10));
  });

  it('hour and day ticks align to local time', () => {
    // UTC+2 (offset -120 minutes): local midnight is 22:00 UTC the day before.
    const min = Date.UTC(2026, 0, 1, 0, 0);
    const days = timeTicks(min, min + 7 * 86_400_000, '7d', -120);
    assert.equal(days[0], Date.UTC(2026, 0, 1, 22, 0));
    assert.equal(days.length, 7);
    assert.deepEqual(timeTicks(5, 5, 'live', 0), []);
  });

  it('byte steps are powers of two giving about four steps', () => {
    assert.equal(byteStep(1024), 256);
    assert.equal(byteStep(128 * 1024 * 1024), 32 * 1024 * 1024);
    assert.equal(byteStep(134 * 1024 * 1024), 64 * 1024 * 1024);
    assert.equal(byteStep(0), 1);
    assert.equal(byteStep(Number.NaN), 1);
  });
});
