import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSample } from '../../../src/stats/statsMath';
import { bucket, buildSeries, chartPoint, currentValues } from '../../../src/stats/statsSeries';
import type { ChartPoint } from '../../../src/stats/statsProtocol';

function sample(timestamp: number, metrics: Partial<ContainerSample> = {}): ContainerSample {
  return { containerId: 'c1', containerName: 'web', timestamp, ...metrics };
}

describe('buildSeries', () => {
  it('turns byte counters into rates between neighbouring samples', () => {
    const points = buildSeries(
      [
        sample(0, { cpuPercent: 10, networkRxBytes: 1_000, networkTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0 }),
        sample(5_000, { cpuPercent: 20, networkRxBytes: 11_000, networkTxBytes: 5_000, blockReadBytes: 4_096, blockWriteBytes: 0 }),
      ],
      { gapMs: 15_000 },
    );
    assert.equal(points.length, 2);
    assert.deepEqual(points[0], { t: 0, cpu: 10, memUsed: null, memLimit: null, rxRate: null, txRate: null, readRate: null, writeRate: null });
    assert.equal(points[1].rxRate, 2_000);
    assert.equal(points[1].txRate, 1_000);
    assert.equal(points[1].readRate, 4_096 / 5);
    assert.equal(points[1].writeRate, 0);
    assert.equal(points[1].cpu, 20);
  });

  it('a pause longer than gapMs becomes a gap, and no rate is taken across it', () => {
    const points = buildSeries(
      [sample(0, { networkRxBytes: 0 }), sample(5_000, { networkRxBytes: 500 }), sample(600_000, { networkRxBytes: 900_000 })],
      { gapMs: 15_000 },
    );
    assert.equal(points.length, 4);
    assert.equal(points[2].t, 5_001);
    assert.ok(Object.entries(points[2]).every(([key, v]) => key === 't' || v === null), 'the gap point carries no values');
    assert.equal(points[3].rxRate, null);
    assert.equal(points[1].rxRate, 100);
  });

  it('skips duplicate or out-of-order timestamps and keeps missing values as null', () => {
    const points = buildSeries([sample(1_000, { cpuPercent: 1 }), sample(1_000, { cpuPercent: 2 }), sample(500), sample(6_000)], { gapMs: 15_000 });
    assert.deepEqual(points.map((p) => p.t), [1_000, 6_000]);
    assert.equal(points[1].cpu, null);
    assert.ok(points.every((p) => Object.values(p).every((v) => v === null || Number.isFinite(v))));
  });

  it('averages a long series down to at most maxPoints', () => {
    const samples = Array.from({ length: 1_000 }, (_, i) => sample(i * 5_000, { cpuPercent: i % 2 === 0 ? 10 : 30, memoryUsedBytes: 100 }));
    const points = buildSeries(samples, { gapMs: 15_000, maxPoints: 100 });
    assert.ok(points.length <= 100, `${points.length} points`);
    assert.ok(points.length >= 90, `${points.length} points`);
    for (const p of points) {
      assert.equal(p.cpu, 20);
      assert.equal(p.memUsed, 100);
    }
  });
});

describe('bucket', () => {
  const point = (t: number, cpu: number | null): ChartPoint => ({ t, cpu, memUsed: null, memLimit: null, rxRate: null, txRate: null, readRate: null, writeRate: null });

  it('keeps an empty stretch as a gap after averaging', () => {
    const points = [...Array.from({ length: 50 }, (_, i) => point(i * 1_000, 5)), ...Array.from({ length: 50 }, (_, i) => point(500_000 + i * 1_000, 7))];
    const out = bucket(points, 20, 3_000);
    const gaps = out.filter((p) => p.cpu === null);
    assert.equal(gaps.length, 1);
    assert.ok(out.filter((p) => p.cpu === 5).length > 0 && out.filter((p) => p.cpu === 7).length > 0);
  });

  it('averages only reported values: a bucket with none stays null', () => {
    const out = bucket([point(0, null), point(1, 4), point(2, null), point(1_000, null)], 2, 10_000);
    assert.deepEqual(out.map((p) => p.cpu), [4, null]);
  });

  it('returns nothing for no points', () => {
    assert.deepEqual(bucket([], 10, 1_000), []);
  });
});

describe('chartPoint and currentValues', () => {
  it('the header shows the newest values and the rates against the previous sample', () => {
    const previous = sample(0, { networkRxBytes: 0, networkTxBytes: 0 });
    const latest = sample(2_000, { cpuPercent: 150, memoryUsedBytes: 10, memoryLimitBytes: 100, memoryPercent: 10, networkRxBytes: 4_000, networkTxBytes: 2_000 });
    assert.deepEqual(currentValues(previous, latest), {
      timestamp: 2_000,
      cpuPercent: 150,
      memoryUsedBytes: 10,
      memoryLimitBytes: 100,
      memoryPercent: 10,
      networkRxBytes: 4_000,
      networkTxBytes: 2_000,
      rxPerSecond: 2_000,
      txPerSecond: 1_000,
    });
    assert.equal(currentValues(previous, undefined), undefined);
    assert.deepEqual(currentValues(undefined, sample(7)), { timestamp: 7 });
  });

  it('chartPoint without a previous sample has no rates', () => {
    const p = chartPoint(undefined, sample(1, { networkRxBytes: 5, memoryUsedBytes: 3, memoryLimitBytes: 9 }));
    assert.equal(p.rxRate, null);
    assert.equal(p.memUsed, 3);
    assert.equal(p.memLimit, 9);
  });
});
