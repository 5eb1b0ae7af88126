import type Docker from 'dockerode';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { TEST_IMAGE, TEST_LABELS, testDocker, testDockerHost, uniqueName } from '../../test/support/engineHarness';
import { RESULTS_ENV, writeResults } from '../../test/support/testRunResults';
import { itemLabel, now, rawStartEvents, waitUntil } from './hostBenchSupport';
import { HOST_BENCH_RESULTS_ENV, writeHostBenchResults, type HostBenchResults } from './hostBenchResults';

// Runs inside the real extension host (code-server), so "the view shows it" means Berth's real tree
// provider answered with it, not a stand-in.

const EVENT_REPS = 15;
const EVENT_WARMUPS = 2;
const TREE_REPS = 10;
const PROJECTS = 25;
const PER_PROJECT = 20;





function dockerStart(id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('docker', ['start', id], { env: { ...process.env, DOCKER_HOST: testDockerHost() } }, (err) => (err ? reject(err) : resolve()));
  });
}

async function measureEventLatency(api: BerthApi, docker: Docker, out: HostBenchResults): Promise<void> {
  const events = await rawStartEvents(docker);
  try {
    for (let rep = 0; rep < EVENT_WARMUPS + EVENT_REPS; rep++) {
      const name = uniqueName('latency');
      const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], name, Labels: TEST_LABELS });
      const shows = async (state: string): Promise<boolean> =>
        (await api.viewNodes('containers')).some((e) => itemLabel(e.item) === name && e.item.contextValue === `container.${state}`);
      await waitUntil(() => shows('created'), `${name} in the view`);

      let shownAt: number | undefined;
      const watcher = api.onDidChangeView('containers')(() => {
        void shows('running').then((yes) => {
          if (yes && shownAt === undefined) shownAt = now();
        });
      });
      const issued = now();
      await dockerStart(container.id);
      await waitUntil(async () => shownAt !== undefined, `${name} running in the view`);
      watcher.dispose();
      const eventAt = events.arrivals.get(container.id);
      if (eventAt === undefined || shownAt === undefined) throw new Error(`no raw start event for ${name}`);
      if (rep >= EVENT_WARMUPS) {
        out.eventToViewMs.push(shownAt - eventAt);
        out.startToEventMs.push(eventAt - issued);
      }
      await container.remove({ force: true });
    }
  } finally {
    events.close();
  }
}

function rawList(socketPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: '/containers/json?all=1' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Everything the Containers view would render: the groups and every container under them. */
async function buildWholeTree(api: BerthApi): Promise<number> {
  const top = await api.viewNodes('containers');
  let items = top.length;
  for (const entry of top) {
    if (entry.item.contextValue?.startsWith('composeProject')) items += (await api.viewNodes('containers', entry.node)).length;
  }
  return items;
}

/** `ids` receives every container as it is created, so cleanup covers a run that fails half way. */
async function measureTreeBuild(api: BerthApi, docker: Docker, out: HostBenchResults, ids: string[]): Promise<void> {
  const run = uniqueName('tree');
  const create = async (index: number): Promise<void> => {
    const project = `${run}-p${Math.floor(index / PER_PROJECT)}`.replace(/[^a-z0-9-]/g, '');
    const number = String((index % PER_PROJECT) + 1);
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      name: `${project}-app-${number}`,
      Labels: { ...TEST_LABELS, 'com.docker.compose.project': project, 'com.docker.compose.service': 'app', 'com.docker.compose.container-number': number },
    });
    ids.push(c.id);
  };
  const total = PROJECTS * PER_PROJECT;
  for (let i = 0; i < total; i += 8) await Promise.all(Array.from({ length: Math.min(8, total - i) }, (_, k) => create(i + k)));
  await waitUntil(async () => (await buildWholeTree(api)) >= total + PROJECTS, 'the 500 containers in the view', 120_000);

  const socketPath = testDockerHost().replace('unix://', '');
  for (let rep = 0; rep < TREE_REPS + 2; rep++) {
    const rawStart = now();
    out.containersListed = await rawList(socketPath);
    const raw = now() - rawStart;

    const treeStart = now();
    // berth.refresh resolves once the lists are reloaded; the walk then builds every item.
    await vscode.commands.executeCommand('berth.refresh');
    out.treeItems = await buildWholeTree(api);
    const tree = now() - treeStart;
    if (rep >= 2) {
      out.rawListMs.push(raw);
      out.treeBuildMs.push(tree);
    }
  }
}

export async function run(): Promise<void> {
  const resultsFile = process.env[RESULTS_ENV];
  const benchFile = process.env[HOST_BENCH_RESULTS_ENV];
  if (!resultsFile || !benchFile) throw new Error(`${RESULTS_ENV} and ${HOST_BENCH_RESULTS_ENV} must be set`);
  const docker = testDocker();
  const created: string[] = [];
  let outcome: { state: 'passed' | 'failed'; error?: string } = { state: 'passed' };
  try {
    const ext = vscode.extensions.getExtension<BerthApi>('berth.berth');
    if (!ext) throw new Error('Berth is not loaded');
    const api = await ext.activate();
    await api.whenConnected(30_000);
    const out: HostBenchResults = { eventToViewMs: [], startToEventMs: [], treeBuildMs: [], rawListMs: [], containersListed: 0, treeItems: 0 };
    await measureEventLatency(api, docker, out);
    await measureTreeBuild(api, docker, out, created);
    writeHostBenchResults(benchFile, out);
  } catch (err) {
    outcome = { state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    for (let i = 0; i < created.length; i += 16) {
      await Promise.all(created.slice(i, i + 16).map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
    }
  }
  // Last: the launcher stops code-server as soon as this file appears, which would cut the cleanup short.
  writeResults(resultsFile, { suite: 'views benchmark', outcomes: [{ title: 'views benchmark', ...outcome }], finishedAt: new Date().toISOString() });
}
