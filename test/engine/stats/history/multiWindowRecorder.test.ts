import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import { createTestContainer, engineSkip, requireEngine } from '../../../support/engineHarness';
import { MetricsHistory } from '../../../../src/stats/history/metricsHistory';
import type { StoredSample } from '../../../../src/stats/history/metricsTypes';
import { makeTempDir, removeTempDir, WASM_PATH } from '../../../unit/stats/history/historySupport';

// Three processes, each a "window" with its own lease, history worker and recorder, on one folder.
// The interval is 2 s by default: the stats sampler of this version needs one to two seconds per
// call (stream=false), so at 1 s it samples every other second; with a sampler that holds 1 s,
// BERTH_RECORDER_TEST_INTERVAL_MS=1000 runs the same checks at 1 s.
const INTERVAL_MS = Number(process.env.BERTH_RECORDER_TEST_INTERVAL_MS ?? 2000);
const RUN_MS = 30_000;
const CHILD = path.join(__dirname, 'recorderChild.js');

interface ChildEvent {
  type: string;
  label: string;
  pid: number;
  at: number;
  holding?: boolean;
  writing?: boolean;
  outcome?: string;
  message?: string;
}

class Window {
  readonly events: ChildEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly process: ChildProcess;
  exited = false;

  constructor(
    readonly label: string,
    dir: string,
  ) {
    this.process = spawn(process.execPath, [CHILD, dir, label, String(INTERVAL_MS), WASM_PATH], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.process.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as ChildEvent);
      } catch {
        return;
      }
      this.wake();
    });
  }

  get writing(): boolean {
    const last = this.events.filter((e) => e.type === 'writing').pop();
    return last?.writing === true;
  }

  send(command: string): void {
    this.process.stdin!.write(`${command}\n`);
  }

  async waitFor(predicate: (event: ChildEvent) => boolean, what: string, timeoutMs = 20_000): Promise<ChildEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const error = this.events.find((e) => e.type === 'error');
      if (error) throw new Error(`${this.label}: ${error.message}`);
      if (this.exited || Date.now() > deadline) throw new Error(`${this.label}: no ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readHistory(filePath: string, engineId: string, ids: string[]): Promise<Map<string, StoredSample[]>> {
  const { history } = await MetricsHistory.open({ filePath, wasmPath: WASM_PATH, mode: 'reader' });
  try {
    const out = new Map<string, StoredSample[]>();
    for (const id of ids) out.set(id, await history.query(id, 0, Number.MAX_SAFE_INTEGER, engineId));
    return out;
  } finally {
    await history.close();
  }
}

describe('three windows, one recorder: lease, takeover after kill -9, clear from a non-holder', { skip: engineSkip() }, () => {
  let docker: Docker;
  let dir: string;
  let engineId: string;
  const containers: Docker.Container[] = [];
  const windows: Window[] = [];

  before(async () => {
    docker = await requireEngine();
    engineId = String(((await docker.info()) as { ID: string }).ID);
    dir = makeTempDir();
    for (let i = 0; i < 3; i++) containers.push(await createTestContainer(docker, { Cmd: ['sleep', '3600'] }));
  });

  after(async () => {
    for (const w of windows) if (!w.exited) w.process.kill('SIGKILL');
    await Promise.all(containers.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
    removeTempDir(dir);
  });

  it('records every container once per interval across a kill -9 of the recorder, and a Clear from another window holds', { timeout: 120_000 }, async () => {
    const started = Date.now();
    for (const label of ['A', 'B', 'C']) windows.push(new Window(label, dir));
    await Promise.all(windows.map((w) => w.waitFor((e) => e.type === 'ready', 'ready')));
    await Promise.all(windows.map((w) => w.waitFor((e) => e.type === 'lease', 'lease event')));
    const holding = (): Window[] => windows.filter((w) => !w.exited && w.writing);
    const first = await waitForSingleWriter(holding);
    const others = windows.filter((w) => w !== first);

    // Clear from a window that does not record, once a few intervals are stored.
    await sleep(3 * INTERVAL_MS);
    const clearAt = Date.now();
    others[0].send('clear');
    const cleared = await others[0].waitFor((e) => e.type === 'cleared', 'clear outcome');
    assert.equal(cleared.outcome, 'cleared', 'the recording window executed the Clear');

    // kill -9 of the recorder mid-run; what it had committed is copied at once.
    await sleep(Math.max(0, started + RUN_MS / 2 - Date.now()));
    first.process.kill('SIGKILL');
    const killedAt = Date.now();
    const copy = path.join(dir, 'at-kill');
    mkdirSync(copy);
    copyFileSync(path.join(dir, 'metrics.sqlite.journal'), path.join(copy, 'metrics.sqlite.journal'));
    if (existsSync(path.join(dir, 'metrics.sqlite'))) copyFileSync(path.join(dir, 'metrics.sqlite'), path.join(copy, 'metrics.sqlite'));

    const takeover = await Promise.race(others.map((w) => w.waitFor((e) => e.type === 'lease' && e.holding === true, 'takeover')));
    const takeoverMs = takeover.at - killedAt;
    assert.ok(takeoverMs <= 2 * INTERVAL_MS, `took over ${takeoverMs} ms after the kill (limit: two intervals, ${2 * INTERVAL_MS} ms)`);
    const second = await waitForSingleWriter(holding);
    assert.ok(others.includes(second));

    await sleep(Math.max(0, started + RUN_MS - Date.now()));
    for (const w of others) w.send('exit');
    await Promise.all(others.map((w) => w.waitFor((e) => e.type === 'exited', 'exit')));
    assert.equal(existsSync(path.join(dir, 'metrics.lease')), false, 'the last window handed the lease back');

    const ids = containers.map((c) => c.id);
    const final = await readHistory(path.join(dir, 'metrics.sqlite'), engineId, ids);
    const committed = await readHistory(path.join(copy, 'metrics.sqlite'), engineId, ids);
    for (const id of ids) {
      const samples = final.get(id) ?? [];
      const label = id.slice(0, 12);
      assert.ok(samples.length >= RUN_MS / INTERVAL_MS / 3, `${label}: ${samples.length} samples`);
      assert.ok(samples.every((s) => s.timestamp > clearAt), `${label}: nothing from before the Clear came back`);
      // Exactly one sample per interval: consecutive samples one interval apart (the sampler's
      // answers jitter by tens of ms), except across the kill. There the gap holds the samples the
      // killed recorder had not flushed yet (it writes once per interval), the takeover, and the
      // new recorder's first answer from the engine: at most three intervals plus the takeover.
      for (let i = 1; i < samples.length; i++) {
        const gap = samples[i].timestamp - samples[i - 1].timestamp;
        const acrossKill = samples[i - 1].timestamp <= killedAt && samples[i].timestamp > killedAt;
        assert.ok(gap >= INTERVAL_MS / 2, `${label}: two samples ${gap} ms apart at ${new Date(samples[i].timestamp).toISOString()} (doubled)`);
        const limit = acrossKill ? takeoverMs + 3 * INTERVAL_MS : 1.5 * INTERVAL_MS;
        assert.ok(gap <= limit, `${label}: ${gap} ms without a sample before ${new Date(samples[i].timestamp).toISOString()} (limit ${limit} ms)`);
      }
      // Everything the killed recorder had committed survived, unchanged.
      const kept = new Map(samples.map((s) => [s.timestamp, s]));
      const before = committed.get(id) ?? [];
      assert.ok(before.length > 0, `${label}: the killed recorder had committed samples`);
      for (const s of before) assert.deepEqual(kept.get(s.timestamp), s, `${label}: committed sample at ${s.timestamp} kept`);
    }
  });
});

async function waitForSingleWriter(holding: () => Window[]): Promise<Window> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = holding();
    assert.ok(now.length <= 1, `more than one window writes: ${now.map((w) => w.label).join(', ')}`);
    if (now.length === 1) return now[0];
    if (Date.now() > deadline) throw new Error('no window took the lease');
    await sleep(100);
  }
}
