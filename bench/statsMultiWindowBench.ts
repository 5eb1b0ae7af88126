import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import { createTestContainer } from '../test/support/engineHarness';
import type { Benchmark, BenchResult } from './benchmark';
import { STATS_SECTION } from './sections';
import { benchTempFile, removeBenchTemp, WASM_PATH } from './statsBenchSupport';

const WINDOWS = 3;
const CONTAINERS = 50;
const INTERVAL_MS = 5_000;
const MEASURED_INTERVALS = 4;
// The test's recorder "window": lease, history worker and recorder in one process.
const CHILD = path.join(__dirname, '..', 'test', 'engine', 'stats', 'history', 'recorderChild.js');
const STATS_PATH = /\/containers\/([0-9a-f]{64})\/stats/g;

/** A unix-socket proxy in front of the engine that counts the stats requests per container. */
async function countingProxy(socketPath: string, engineSocket: string): Promise<{ counts: Map<string, number>; close: () => Promise<void> }> {
  const counts = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const engine = net.connect(engineSocket);
    sockets.add(client).add(engine);
    let carry = '';
    client.on('data', (chunk: Buffer) => {
      // Request lines are ASCII; a path split between two chunks is found in the carried tail.
      const text = carry + chunk.toString('latin1');
      for (const match of text.matchAll(STATS_PATH)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
      carry = text.slice(-120).replace(/^[\s\S]*\/containers\/[0-9a-f]{64}\/stats/, '');
    });
    client.pipe(engine).pipe(client);
    const end = (): void => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('error', end).on('close', end);
    engine.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function startWindow(label: string, dir: string, dockerHost: string): { child: ChildProcess; events: Array<Record<string, unknown>> } {
  const child = spawn(process.execPath, [CHILD, dir, label, String(INTERVAL_MS), WASM_PATH], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BERTH_TEST_DOCKER_HOST: dockerHost },
  });
  const events: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not ours
    }
  });
  return { child, events };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Three windows with recording on: how many stats requests reach the engine per interval. */
export const statsMultiWindowBenchmark: Benchmark = {
  id: 'statsMultiWindow',
  section: STATS_SECTION,
  async run(context): Promise<BenchResult> {
    if (!context.dockerHost.startsWith('unix://')) throw new Error('the multi-window benchmark counts requests through a unix-socket proxy');
    const temp = benchTempFile('windows');
    const created: Docker.Container[] = [];
    const windows: Array<ReturnType<typeof startWindow>> = [];
    const proxySocket = path.join(temp.dir, 'engine.sock');
    const proxy = await countingProxy(proxySocket, context.dockerHost.slice('unix://'.length));
    try {
      context.log(`stats: starting ${CONTAINERS} containers for the multi-window measurement`);
      for (let i = 0; i < CONTAINERS; i += 10) {
        const batch = await Promise.all(Array.from({ length: Math.min(10, CONTAINERS - i) }, () => createTestContainer(context.docker, { Cmd: ['sleep', '3600'] })));
        created.push(...batch);
      }
      const ours = new Set(created.map((c) => c.id));
      for (let i = 0; i < WINDOWS; i++) windows.push(startWindow(`window ${i + 1}`, temp.dir, `unix://${proxySocket}`));
      await until(() => windows.every((w) => w.events.some((e) => e.type === 'ready')), 'the windows to start');
      await until(() => windows.some((w) => w.events.some((e) => e.type === 'writing' && e.writing === true)), 'a window to record');
      // One interval to settle (the first round, the others learning the recorder's engine).
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 1.5));
      proxy.counts.clear();
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * MEASURED_INTERVALS));
      let requests = 0;
      for (const [id, count] of proxy.counts) if (ours.has(id)) requests += count;
      const perInterval = requests / MEASURED_INTERVALS;
      const writers = windows.filter((w) => w.events.filter((e) => e.type === 'writing').pop()?.writing === true).length;
      for (const w of windows) w.child.stdin!.write('exit\n');
      await until(() => windows.every((w) => w.child.exitCode !== null), 'the windows to exit', 30_000);
      return {
        rows: [
          {
            measured: `Stats requests to the engine per interval: ${WINDOWS} windows recording ${CONTAINERS} containers at ${INTERVAL_MS / 1000} s`,
            berth: `${perInterval.toFixed(1)} (${writers} window${writers === 1 ? '' : 's'} recording)`,
            comparisons: [{ label: 'every window sampling on its own (before)', figure: `${WINDOWS * CONTAINERS}` }],
            checks: [{ target: `${CONTAINERS}`, met: Math.round(perInterval) === CONTAINERS && writers === 1 }],
          },
        ],
        notes: [
          `Multi-window: ${WINDOWS} processes, each a window's lease, history worker and recorder (test/engine/stats/history/recorderChild.ts) on ` +
            `one storage folder, talking to the engine through a unix-socket proxy that counts \`/containers/{id}/stats\` requests; ` +
            `${MEASURED_INTERVALS} intervals counted after one to settle, only this run's ${CONTAINERS} containers counted (the engine is shared). ` +
            `Before the lease each window sampled every running container: ${WINDOWS} × ${CONTAINERS}.`,
        ],
      };
    } finally {
      for (const w of windows) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await proxy.close();
      await Promise.all(created.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
      if (existsSync(temp.dir)) removeBenchTemp(temp.dir);
    }
  },
};
