import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/paths';
import {
  blockIoTotals,
  cpuPercent,
  memoryLimitBytes,
  memoryPercent,
  memoryUsedBytes,
  networkTotals,
  pidsCurrent,
  sampleFromStats,
  type ContainerSample,
  type RawContainerStats,
} from '../../../src/stats/statsMath';

function fixture(name: string): RawContainerStats {
  return JSON.parse(readFileSync(fixturePath('stats', `${name}.json`), 'utf8')) as RawContainerStats;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** No metric of a sample may ever be NaN or ±Infinity; absent is the only "no value". */
function assertAllFiniteOrAbsent(sample: ContainerSample): void {
  for (const [key, value] of Object.entries(sample)) {
    if (typeof value === 'number') assert.ok(Number.isFinite(value), `${key} is ${value}`);
    assert.notEqual(value, undefined, `${key} is present but undefined`);
  }
}

describe('stats math: cgroup v1, running (recorded)', () => {
  const stats = fixture('cgroupV1Running');

  it('CPU % = container delta / system delta × online CPUs × 100', () => {
    // total_usage 4353932196 − 3372839664; system_cpu_usage 1043870000000 − 1041860000000; 2 CPUs
    const expected = (981092532 / 2010000000) * 2 * 100;
    assert.equal(cpuPercent(stats), expected);
    assert.ok(expected > 90, 'the fixture was recorded with a busy loop running');
  });

  it('memory used excludes total_inactive_file; limit and % follow', () => {
    assert.equal(memoryUsedBytes(stats), 7585792 - 4747264);
    assert.equal(memoryLimitBytes(stats), 64 * 1024 * 1024);
    assert.equal(memoryPercent(stats), ((7585792 - 4747264) / 67108864) * 100);
  });

  it('network sums both interfaces', () => {
    assert.deepEqual(networkTotals(stats), { rxBytes: 1016 + 1854, txBytes: 0 + 672 });
  });

  it('an empty block I/O list is a real zero', () => {
    assert.deepEqual(blockIoTotals(stats), { readBytes: 0, writeBytes: 0 });
  });

  it('pids and the whole sample', () => {
    assert.equal(pidsCurrent(stats), 4);
    const sample = sampleFromStats(stats, { containerId: 'd5d189ad13ed', timestamp: 1_700_000_000_000 });
    assert.equal(sample.containerName, 'berth-test-statsfix-run');
    assert.equal(sample.containerId, 'd5d189ad13ed');
    assert.equal(sample.timestamp, 1_700_000_000_000);
    assert.equal(sample.pids, 4);
    assert.equal(sample.networkRxBytes, 2870);
    assertAllFiniteOrAbsent(sample);
    assert.deepEqual(Object.keys(sample).sort(), [
      'blockReadBytes', 'blockWriteBytes', 'containerId', 'containerName', 'cpuPercent', 'memoryLimitBytes',
      'memoryPercent', 'memoryUsedBytes', 'networkRxBytes', 'networkTxBytes', 'pids', 'timestamp',
    ]);
  });

  it('falls back to the length of percpu_usage when online_cpus is missing', () => {
    const old = clone(stats);
    delete old.cpu_stats!.online_cpus;
    assert.equal(cpuPercent(old), (981092532 / 2010000000) * 2 * 100);
    old.cpu_stats!.cpu_usage!.percpu_usage = [1, 2, 3, 4];
    assert.equal(cpuPercent(old), (981092532 / 2010000000) * 4 * 100);
  });

  it('sums "Read"/"Write" over devices and ignores the other v1 ops', () => {
    // The recording engine accounted no block I/O; this is the recorded body with v1-style entries added.
    const withIo = clone(stats);
    withIo.blkio_stats!.io_service_bytes_recursive = [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 8192 },
      { major: 8, minor: 0, op: 'Sync', value: 12288 },
      { major: 8, minor: 0, op: 'Async', value: 0 },
      { major: 8, minor: 0, op: 'Discard', value: 0 },
      { major: 8, minor: 0, op: 'Total', value: 12288 },
      { major: 8, minor: 16, op: 'Read', value: 100 },
      { major: 8, minor: 16, op: 'Write', value: 1 },
      { major: 8, minor: 16, op: 'Total', value: 101 },
    ];
    assert.deepEqual(blockIoTotals(withIo), { readBytes: 4196, writeBytes: 8193 });
  });
});

describe('stats math: cgroup v1, paused (recorded)', () => {
  const stats = fixture('cgroupV1Paused');

  it('CPU is 0 %: usage did not move while the host clock did', () => {
    assert.equal(cpuPercent(stats), 0);
  });

  it('memory, network and pids are still reported', () => {
    const sample = sampleFromStats(stats, { containerId: 'a6c702a2e4af', timestamp: 1 });
    assert.equal(sample.memoryUsedBytes, 540672);
    assert.equal(sample.memoryLimitBytes, 32 * 1024 * 1024);
    assert.equal(sample.memoryPercent, (540672 / 33554432) * 100);
    assert.equal(sample.networkRxBytes, 906);
    assert.equal(sample.networkTxBytes, 0);
    assert.equal(sample.pids, 1);
    assertAllFiniteOrAbsent(sample);
  });
});

describe('stats math: cgroup v2 (constructed, see test/fixtures/stats/README.md)', () => {
  const stats = fixture('cgroupV2Running');

  it('CPU % uses online_cpus (v2 has no percpu_usage)', () => {
    // 250 ms of container CPU over 4 s of host CPU time on 4 CPUs.
    assert.equal(cpuPercent(stats), 25);
  });

  it('memory used excludes inactive_file', () => {
    assert.equal(memoryUsedBytes(stats), 80 * 1024 * 1024);
    assert.equal(memoryLimitBytes(stats), 512 * 1024 * 1024);
    assert.equal(memoryPercent(stats), 15.625);
  });

  it('block I/O sums lowercase read/write over two devices', () => {
    assert.deepEqual(blockIoTotals(stats), { readBytes: 1048576 + 4096, writeBytes: 2097152 + 8192 });
  });

  it('network and pids', () => {
    assert.deepEqual(networkTotals(stats), { rxBytes: 123456, txBytes: 65432 });
    assert.equal(pidsCurrent(stats), 7);
  });

  it('inactive_file not below usage leaves usage as is', () => {
    const s = clone(stats);
    s.memory_stats!.stats!.inactive_file = s.memory_stats!.usage!;
    assert.equal(memoryUsedBytes(s), 104857600);
  });
});

describe('stats math: missing data gives undefined, never NaN', () => {
  it('one-shot read (recorded): no previous CPU reading', () => {
    const stats = fixture('cgroupV1OneShot');
    assert.equal(cpuPercent(stats), undefined);
    const sample = sampleFromStats(stats, { containerId: 'x', timestamp: 1 });
    assert.equal('cpuPercent' in sample, false);
    assert.equal(sample.memoryUsedBytes, 7024640 - 4747264);
    assertAllFiniteOrAbsent(sample);
  });

  it('never-started container (recorded): only identity remains', () => {
    const sample = sampleFromStats(fixture('cgroupV1Stopped'), { containerId: '358cc68d36b9', timestamp: 5 });
    assert.deepEqual(sample, { containerId: '358cc68d36b9', containerName: 'berth-test-statsfix-stopped', timestamp: 5 });
  });

  it('an empty body', () => {
    assert.deepEqual(sampleFromStats({}, { containerId: 'abc', timestamp: 7 }), { containerId: 'abc', containerName: 'abc', timestamp: 7 });
  });

  it('zero or negative system delta, and CPU usage going backwards', () => {
    const base = fixture('cgroupV1Running');
    const sameSystem = clone(base);
    sameSystem.precpu_stats!.system_cpu_usage = sameSystem.cpu_stats!.system_cpu_usage;
    assert.equal(cpuPercent(sameSystem), undefined);
    const systemBackwards = clone(base);
    systemBackwards.precpu_stats!.system_cpu_usage = base.cpu_stats!.system_cpu_usage! + 1;
    assert.equal(cpuPercent(systemBackwards), undefined);
    const restarted = clone(base);
    restarted.precpu_stats!.cpu_usage!.total_usage = base.cpu_stats!.cpu_usage!.total_usage! + 1;
    assert.equal(cpuPercent(restarted), undefined);
  });

  it('no CPU count at all', () => {
    const s = fixture('cgroupV2Running');
    delete s.cpu_stats!.online_cpus;
    assert.equal(cpuPercent(s), undefined);
  });

  it('zero, null or non-numeric fields', () => {
    const s = clone(fixture('cgroupV1Running'));
    s.memory_stats!.limit = 0;
    s.memory_stats!.usage = null;
    s.pids_stats = { current: null };
    s.networks = { eth0: { rx_bytes: null, tx_bytes: null } };
    s.blkio_stats = { io_service_bytes_recursive: null };
    (s.cpu_stats as Record<string, unknown>).system_cpu_usage = 'soon';
    const sample = sampleFromStats(s, { containerId: 'c', containerName: 'given', timestamp: 9 });
    assert.deepEqual(sample, { containerId: 'c', containerName: 'given', timestamp: 9 });
  });

  it('memory % needs both used and a non-zero limit', () => {
    const s = fixture('cgroupV1Running');
    s.memory_stats!.limit = 0;
    assert.equal(memoryPercent(s), undefined);
    assert.equal(memoryLimitBytes(s), undefined);
    assert.equal(memoryUsedBytes(s), 7585792 - 4747264);
  });
});
