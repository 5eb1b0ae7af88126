import type Docker from 'dockerode';
import { execFile } from 'node:child_process';
import type { Readable } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { BerthApi, ViewEntry } from '../../src/workbench/api';
import { TEST_IMAGE, TEST_LABELS, testDocker, uniqueName } from '../../test/support/engineHarness';
import { OTHER_ENGINES, otherEngineDocker } from '../../test/support/otherEngines';
import { RESULTS_ENV, writeResults } from '../../test/support/testRunResults';
import { ENGINES_BENCH_ENV, type EnginesHostResults } from './enginesHostResults';
import { itemLabel, now, rawStartEvents, waitUntil } from './hostBenchSupport';
import { HOST_BENCH_RESULTS_ENV, writeHostBenchResults } from './hostBenchResults';

// Runs inside the real extension host (code-server) with Berth loaded: the engines benchmark's
// measurements of several engines at once. The launcher (bench/enginesBench.ts) puts proxies in
// front of the engines and passes their addresses here.

const EVENT_REPS = 15;
const EVENT_WARMUPS = 2;
const MEMORY_TRIES = 3;
const TLS_KEY = 'setting:build-server';
const PODMAN_KEY = 'setting:podman';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));



// The extension host runs without --expose-gc; the flag can still be set at run time and the
// function taken from a fresh context, so heap figures are taken after a full collection.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
    samples.push(process.memoryUsage().heapUsed);
  }
  return samples.sort((a, b) => a - b)[1];
}

async function group(api: BerthApi, view: 'containers' | 'images' | 'volumes' | 'networks', name: string): Promise<ViewEntry | undefined> {
  return (await api.viewNodes(view)).find((e) => e.item.contextValue?.startsWith('berth.engineGroup') && itemLabel(e.item) === name);
}

/** Every view's tree under the engine's node, as a user opening the four views gets it. */
async function walkEngine(api: BerthApi, name: string): Promise<number> {
  let items = 0;
  for (const view of ['containers', 'images', 'volumes', 'networks'] as const) {
    await waitUntil(async () => (await group(api, view, name))?.item.contextValue === 'berth.engineGroup.connected', `${name} connected in ${view}`);
    const node = await group(api, view, name);
    const children = node ? await api.viewNodes(view, node.node) : [];
    items += children.length;
  }
  return items;
}


function tlsDockerStart(id: string, certs: string): Promise<void> {
  const env = { ...process.env, DOCKER_HOST: OTHER_ENGINES.tls.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs, DOCKER_CONTEXT: '' };
  return new Promise((resolve, reject) => execFile('docker', ['start', id], { env }, (err) => (err ? reject(err) : resolve())));
}

/** Labelled, never started; named after the run so the launcher can sweep what a failed run left. */
async function createFixture(tls: Docker, count: number, run: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, k) =>
      tls.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], name: `${run}-${i + k}`, Labels: TEST_LABELS }).then((c) => void ids.push(c.id)),
    );
    await Promise.all(batch);
  }
  return ids;
}

async function removeAll(docker: Docker, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 16) await Promise.all(ids.slice(i, i + 16).map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
}

/** Every event of the engines while `during` runs, as Date.now() times. */
async function eventTimes(engines: Docker[], during: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  const streams = await Promise.all(engines.map((docker) => docker.getEvents() as unknown as Promise<Readable>));
  for (const stream of streams) {
    stream.on('data', (chunk: Buffer) => {
      const at = Date.now();
      // One event per line.
      for (const byte of chunk) if (byte === 0x0a) times.push(at);
    });
  }
  try {
    await during();
  } finally {
    for (const stream of streams) stream.destroy();
  }
  return times;
}

async function measureMemory(api: BerthApi, out: EnginesHostResults): Promise<void> {
  for (let attempt = 0; attempt < MEMORY_TRIES; attempt++) {
    const before = await heapAfterGc();
    await vscode.commands.executeCommand('berth.engines.connect', { engine: TLS_KEY });
    await api.whenEngineConnected(TLS_KEY, 30_000);
    const items = await walkEngine(api, 'build-server');
    if (items < out.containersOnEngine) throw new Error(`the views showed ${items} items of the engine, fewer than its ${out.containersOnEngine} containers`);
    out.heapPerEngineBytes.push((await heapAfterGc()) - before);
    await vscode.commands.executeCommand('berth.engines.disconnect', { engine: TLS_KEY });
  }
}

async function measureEventLatency(api: BerthApi, tls: Docker, certs: string, out: EnginesHostResults): Promise<void> {
  const events = await rawStartEvents(tls);
  try {
    for (let rep = 0; rep < EVENT_WARMUPS + EVENT_REPS; rep++) {
      const name = uniqueName('engine-latency');
      const container = await tls.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], name, Labels: TEST_LABELS });
      const shows = async (state: string): Promise<boolean> => {
        const node = await group(api, 'containers', 'build-server');
        return node ? (await api.viewNodes('containers', node.node)).some((e) => itemLabel(e.item) === name && e.item.contextValue === `container.${state}`) : false;
      };
      await waitUntil(() => shows('created'), `${name} in the view`);
      let shownAt: number | undefined;
      const watcher = api.onDidChangeView('containers')(() => {
        void shows('running').then((yes) => {
          if (yes && shownAt === undefined) shownAt = now();
        });
      });
      await tlsDockerStart(container.id, certs);
      await waitUntil(async () => shownAt !== undefined, `${name} running in the view`);
      watcher.dispose();
      const eventAt = events.arrivals.get(container.id);
      if (eventAt === undefined || shownAt === undefined) throw new Error(`no raw start event for ${name}`);
      if (rep >= EVENT_WARMUPS) out.eventToViewMs.push(shownAt - eventAt);
      await container.remove({ force: true });
    }
  } finally {
    events.close();
  }
}

export async function run(): Promise<void> {
  const resultsFile = process.env[RESULTS_ENV];
  const benchFile = process.env[HOST_BENCH_RESULTS_ENV];
  const env = (key: string): string => {
    const value = process.env[key];
    if (!value) throw new Error(`${key} must be set`);
    return value;
  };
  if (!resultsFile || !benchFile) throw new Error(`${RESULTS_ENV} and ${HOST_BENCH_RESULTS_ENV} must be set`);
  const tls = otherEngineDocker(OTHER_ENGINES.tls);
  const podman = otherEngineDocker(OTHER_ENGINES.podman);
  let fixture: string[] = [];
  const config = vscode.workspace.getConfiguration('berth');
  let outcome: { state: 'passed' | 'failed'; error?: string } = { state: 'passed' };
  try {
    const certs = env(ENGINES_BENCH_ENV.certs);
    const out: EnginesHostResults = { eventToViewMs: [], heapPerEngineBytes: [], containersOnEngine: Number(env(ENGINES_BENCH_ENV.fixture)), idleEventTimes: [], idleFrom: 0, idleTo: 0 };
    const ext = vscode.extensions.getExtension<BerthApi>('berth.berth');
    if (!ext) throw new Error('Berth is not loaded');
    const api = await ext.activate();
    await api.whenConnected(30_000);
    // Idle means no sampling either: the recorder's stats requests are measured by the stats benchmarks.
    await config.update('stats.record', 'off', vscode.ConfigurationTarget.Global);
    await config.update(
      'engines',
      [
        { name: 'build-server', host: env(ENGINES_BENCH_ENV.tls), tlsCa: `${certs}/ca.pem`, tlsCert: `${certs}/cert.pem`, tlsKey: `${certs}/key.pem` },
        { name: 'podman', host: env(ENGINES_BENCH_ENV.podman) },
      ],
      vscode.ConfigurationTarget.Global,
    );
    // The 500 containers are there for the memory figure only; the latency is measured without them.
    fixture = await createFixture(tls.docker, out.containersOnEngine, env(ENGINES_BENCH_ENV.run));
    await measureMemory(api, out);
    await removeAll(tls.docker, fixture);
    fixture = [];

    await vscode.commands.executeCommand('berth.engines.connect', { engine: TLS_KEY });
    await vscode.commands.executeCommand('berth.engines.connect', { engine: PODMAN_KEY });
    await api.whenEngineConnected(TLS_KEY, 30_000);
    await api.whenEngineConnected(PODMAN_KEY, 30_000);
    await walkEngine(api, 'podman');
    await measureEventLatency(api, tls.docker, certs, out);

    // The views stay as they are (lists loaded); the event streams stay open; nothing else may ask.
    await sleep(5_000);
    out.idleEventTimes = await eventTimes([testDocker(), tls.docker, podman.docker], async () => {
      out.idleFrom = Date.now();
      await sleep(Number(env(ENGINES_BENCH_ENV.idleSeconds)) * 1000);
      out.idleTo = Date.now();
    });
    writeHostBenchResults(benchFile, out);
  } catch (err) {
    outcome = { state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    await config.update('engines', undefined, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
    await config.update('stats.record', undefined, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
    await removeAll(tls.docker, fixture);
    tls.dispose();
    podman.dispose();
  }
  // Last: the launcher stops code-server as soon as this file appears.
  writeResults(resultsFile, { suite: 'engines benchmark', outcomes: [{ title: 'engines benchmark', ...outcome }], finishedAt: new Date().toISOString() });
}
