import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { leaseTimingFor, readLease, RecorderLease, type LeaseChange, type LeaseHolder } from '../../../../src/stats/history/recorderLease';
import { makeTempDir, removeTempDir } from './historySupport';

const TIMING = { heartbeatMs: 60_000, staleAfterMs: 5_000 };

function deadPid(): number {
  // A process that has exited: its pid is free (reuse within the test is vanishingly unlikely).
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('recorder lease', () => {
  let dir: string;
  let file: string;
  const leases: RecorderLease[] = [];
  const make = (label: string, now?: () => number): { lease: RecorderLease; changes: LeaseChange[] } => {
    const lease = new RecorderLease({ filePath: file, label, ...TIMING, now });
    const changes: LeaseChange[] = [];
    lease.onChange.on((c) => changes.push(c));
    leases.push(lease);
    return { lease, changes };
  };

  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, 'storage', 'metrics.lease');
  });
  afterEach(async () => {
    for (const lease of leases.splice(0)) await lease.release();
    removeTempDir(dir);
  });

  it('one of two windows holds it; the other sees who, and takes over at once when the holder releases', async () => {
    const a = make('window A');
    const b = make('window B');
    await a.lease.start();
    await b.lease.start();
    assert.equal(a.lease.holding, true);
    assert.equal(b.lease.holding, false);
    assert.deepEqual(a.changes.map((c) => c.reason), ['acquired']);
    assert.deepEqual(b.changes.map((c) => [c.reason, c.holder?.label]), [['observed', 'window A']]);
    const onDisk = await readLease(file);
    assert.equal(onDisk?.label, 'window A');
    assert.equal(onDisk?.pid, process.pid);

    a.lease.setEngineId('ENGINE-1');
    await a.lease.tick();
    await b.lease.tick();
    assert.equal(b.lease.holder?.engineId, 'ENGINE-1', 'the others learn which engine is recorded');

    await a.lease.release();
    assert.equal(existsSync(file), false, 'a closing holder deletes the lease');
    await b.lease.tick();
    assert.equal(b.lease.holding, true);
    assert.equal(b.changes.at(-1)?.reason, 'acquired');
  });

  it('a holder whose heartbeat is older than staleAfterMs is replaced', async () => {
    let now = Date.UTC(2026, 0, 1);
    const stale: LeaseHolder = { ownerId: 'gone', pid: process.pid, hostname: 'another-host', label: 'old window', startedAt: now - 60_000, heartbeatAt: now - 4_000 };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stale));
    const b = make('window B', () => now);
    await b.lease.start();
    assert.equal(b.lease.holding, false, 'a heartbeat 4 s old is still fresh');
    now += 2_000;
    await b.lease.tick();
    assert.equal(b.lease.holding, true);
    const change = b.changes.at(-1);
    assert.equal(change?.reason, 'tookOver');
    assert.equal(change?.previous?.label, 'old window');
  });

  it('a holder on this host whose process is gone (kill -9) is replaced without waiting for its heartbeat to age', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const now = Date.now();
    writeFileSync(file, JSON.stringify({ ownerId: 'killed', pid: deadPid(), hostname: os.hostname(), label: 'killed window', startedAt: now, heartbeatAt: now }));
    const b = make('window B');
    await b.lease.start();
    assert.equal(b.lease.holding, true);
    assert.equal(b.changes.at(-1)?.reason, 'tookOver');
  });

  it('a holder that finds someone else in the lease (it slept through its heartbeat) stops holding', async () => {
    const a = make('window A');
    await a.lease.start();
    const holder = await readLease(file);
    assert.ok(holder);
    writeFileSync(file, JSON.stringify({ ...holder, ownerId: 'someone-else', label: 'window C' }));
    await a.lease.tick();
    assert.equal(a.lease.holding, false);
    assert.deepEqual(
      a.changes.map((c) => [c.reason, c.holding]),
      [
        ['acquired', true],
        ['lost', false],
      ],
    );
    assert.equal(a.lease.holder?.label, 'window C');
  });

  it('ten windows starting at once: exactly one holds the lease', async () => {
    const all = Array.from({ length: 10 }, (_, i) => make(`window ${i}`));
    await Promise.all(all.map((w) => w.lease.start()));
    // Whoever lost a lock race looks again at its next tick.
    await Promise.all(all.map((w) => w.lease.tick()));
    assert.equal(all.filter((w) => w.lease.holding).length, 1);
    const holder = await readLease(file);
    assert.equal(all.find((w) => w.lease.holding)?.lease.ownerId, holder?.ownerId);
  });

  it('timing: a dead holder is replaced within two intervals', () => {
    for (const interval of [1_000, 5_000, 60_000]) {
      const { heartbeatMs, staleAfterMs } = leaseTimingFor(interval);
      assert.ok(staleAfterMs + heartbeatMs <= 2 * interval, `interval ${interval}: ${staleAfterMs} + ${heartbeatMs}`);
      assert.ok(staleAfterMs >= 2 * heartbeatMs, 'a live holder renews at least twice before it counts as stale');
    }
  });
});
