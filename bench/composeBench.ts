import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { applyUp } from '../src/compose/composeApply';
import { applyDown } from '../src/compose/composeDown';
import { loadComposeProject } from '../src/compose/composeLoad';
import type Docker from 'dockerode';
import { TEST_IMAGE, TEST_LABELS, testDocker } from '../test/support/engineHarness';
import { fixturePath } from '../test/support/paths';
import type { Benchmark, BenchResult } from './benchmark';
import { balancedOrders } from './interleave';
import { COMPOSE_SECTION } from './sections';
import { formatRatio, formatSummary, summarize } from './stats';

const run = promisify(execFile);
const FILE = fixturePath('compose', 'bench', 'compose.yaml');
const DEPLOY_TARGET = 0.7;
const NOOP_TARGET_MS = 200;
/** Each repetition deploys six containers twice and takes them down; more rounds add little but minutes. */
const MAX_REPETITIONS = 8;

interface Contender {
  name: string;
  up(): Promise<void>;
}

/**
 * Berth's deploy (load + apply from plain Node) against Debian's docker-compose 1.29 `up -d` on the
 * same six-service file, in the same run, interleaved; the project is taken down, untimed, before
 * every deploy, and each deploy is followed by a timed no-op redeploy.
 */
export const composeBenchmark: Benchmark = {
  id: 'compose',
  section: COMPOSE_SECTION,
  async run(context): Promise<BenchResult> {
    const docker = testDocker();
    const runId = randomBytes(4).toString('hex');
    const project = `berthbench${runId}`;
    const env = { COMPOSE_PROJECT_NAME: project, BERTH_BENCH_RUN: runId };
    const load = (): ReturnType<typeof loadComposeProject> => loadComposeProject({ files: [FILE], env });
    const contenders: Contender[] = [
      {
        name: 'berth',
        up: async () => {
          await applyUp(docker, load());
        },
      },
      {
        name: 'compose',
        up: async () => {
          await run('docker-compose', ['-p', project, '-f', FILE, 'up', '-d'], { env: { ...process.env, DOCKER_HOST: context.dockerHost, ...env } });
        },
      },
    ];
    const down = async (): Promise<void> => {
      await applyDown(docker, project, load().project, { stopTimeoutSeconds: 2 });
    };
    const timings = new Map(contenders.map((c) => [c.name, { deploy: [] as number[], noop: [] as number[] }]));
    const repetitions = Math.min(context.settings.repetitions, MAX_REPETITIONS);
    const warmups = Math.min(context.settings.warmups, 1);
    const orders = balancedOrders(contenders.length);
    try {
      for (let round = -warmups; round < repetitions; round++) {
        const order = orders[((round % orders.length) + orders.length) % orders.length].map((i) => contenders[i]);
        for (const contender of order) {
          await down();
          let started = performance.now();
          await contender.up();
          const deployMs = performance.now() - started;
          started = performance.now();
          await contender.up();
          const noopMs = performance.now() - started;
          if (round >= 0) {
            timings.get(contender.name)!.deploy.push(deployMs);
            timings.get(contender.name)!.noop.push(noopMs);
          }
          context.log(`compose round ${round}: ${contender.name} deploy ${Math.round(deployMs)} ms, no-op ${Math.round(noopMs)} ms`);
        }
      }
      const running = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
      if (running.length !== 6) throw new Error(`expected the six services running after the last deploy, found ${running.length}`);
    } finally {
      await down().catch(() => undefined);
    }
    context.log('compose: timing the engine alone starting six containers');
    const floor = await engineStartFloor(docker, runId);
    const berth = timings.get('berth')!;
    const compose = timings.get('compose')!;
    const composeMs = summarize(compose.deploy).medianMs;
    const deployRatio = summarize(berth.deploy).medianMs / composeMs;
    const floorMs = summarize(floor.oneByOne).medianMs;
    const togetherMs = summarize(floor.together).medianMs;
    const noop = summarize(berth.noop);
    return {
      rows: [
        {
          measured: 'Deploy a six-service project (chain of 3, fan-out of 3), images present',
          berth: formatSummary(summarize(berth.deploy)),
          comparisons: [{ label: 'docker-compose 1.29 up -d', figure: formatSummary(summarize(compose.deploy)) }],
          checks: [{ ratioName: 'Berth/compose', ratio: deployRatio, target: `≤ ${DEPLOY_TARGET}×`, met: deployRatio <= DEPLOY_TARGET }],
        },
        {
          measured: 'No-op redeploy of the unchanged project',
          berth: formatSummary(noop),
          comparisons: [{ label: 'docker-compose 1.29 up -d', figure: formatSummary(summarize(compose.noop)) }],
          checks: [
            { target: `< ${NOOP_TARGET_MS} ms`, met: noop.p90Ms < NOOP_TARGET_MS },
          ],
        },
      ],
      notes: [
        `${repetitions} interleaved rounds (balanced order) after ${warmups} warm-up; the project is taken down, untimed, before each deploy, ` +
          'and each deploy is followed by a timed redeploy of the same file.',
        'Berth is timed from plain Node: loading (parse, interpolate, validate) plus applying through the engine API. docker-compose is ' +
          'timed as a process, Python start-up included, as a user runs it.',
        `The no-op target is checked on the p90; ratios are ratios of medians (${formatRatio(0.5)} means Berth takes half the time).`,
        `What the engine itself needs, measured in the same run: starting six created containers on one network takes median ${Math.round(floorMs)} ms ` +
          `one after another and ${Math.round(togetherMs)} ms all at once (${FLOOR_REPETITIONS} repetitions each; creating one takes about ` +
          `${Math.round(summarize(floor.create).medianMs)} ms). Even all at once, with no client work and no dependency order, the six starts take ` +
          `${formatRatio(togetherMs / composeMs)} of docker-compose's median deploy; this file's chain (db, then api, then web) keeps three of them ` +
          'one after another. Starts hardly overlap on this machine\'s 2 cores, so the deploy ratio is bounded by the engine, not by either client.',
      ],
    };
  },
};

const FLOOR_REPETITIONS = 3;

/** The engine's own time for six container starts, without any compose logic around them. */
async function engineStartFloor(docker: Docker, runId: string): Promise<{ oneByOne: number[]; together: number[]; create: number[] }> {
  const result = { oneByOne: [] as number[], together: [] as number[], create: [] as number[] };
  const name = `berthbench${runId}_floor`;
  const network = await docker.createNetwork({ Name: name, Labels: TEST_LABELS });
  const all: Docker.Container[] = [];
  const createSix = async (): Promise<Docker.Container[]> => {
    const started = performance.now();
    const containers: Docker.Container[] = [];
    for (let i = 0; i < 6; i++) {
      containers.push(await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '600'], Labels: TEST_LABELS, HostConfig: { NetworkMode: name } }));
    }
    all.push(...containers);
    result.create.push((performance.now() - started) / 6);
    return containers;
  };
  const removeAll = (containers: Docker.Container[]): Promise<unknown> => Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
  try {
    for (let round = 0; round < FLOOR_REPETITIONS; round++) {
      let containers = await createSix();
      let started = performance.now();
      for (const c of containers) await c.start();
      result.oneByOne.push(performance.now() - started);
      await removeAll(containers);
      containers = await createSix();
      started = performance.now();
      await Promise.all(containers.map((c) => c.start()));
      result.together.push(performance.now() - started);
      await removeAll(containers);
    }
  } finally {
    await removeAll(all);
    await network.remove().catch(() => undefined);
  }
  return result;
}
