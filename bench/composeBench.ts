import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { applyUp } from '../src/compose/composeApply';
import { applyDown } from '../src/compose/composeDown';
import { loadComposeProject } from '../src/compose/composeLoad';
import type { ComposeProject } from '../src/compose/composeModelTypes';
import type Docker from 'dockerode';
import { TEST_LABELS, testClient, testDocker } from '../test/support/engineHarness';
import { fixturePath } from '../test/support/paths';
import type { Benchmark, BenchResult } from './benchmark';
import { balancedOrders } from './interleave';
import { COMPOSE_SECTION } from './sections';
import { formatRatio, formatSummary, summarize } from './stats';

const run = promisify(execFile);
const FILE = fixturePath('compose', 'bench', 'compose.yaml');
const FLOOR_TARGET = 1.1;
const NOOP_TARGET_MS = 200;
/** Each repetition deploys six containers three times and takes them down; more rounds add little but minutes. */
const MAX_REPETITIONS = 8;

interface Contender {
  name: string;
  up(): Promise<void>;
  /** Whether a second `up` is timed as a no-op redeploy. */
  redeploys: boolean;
}

/**
 * The services in dependency levels: level 0 depends on nothing, level n on services of levels
 * below n only, at least one of them in level n - 1. Computed here, not by Berth's planner, so the
 * floor does not share Berth's code.
 */
export function dependencyLevels(project: ComposeProject): string[][] {
  const depth = new Map<string, number>();
  const visit = (name: string, path: string[]): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (path.includes(name)) throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
    const deps = Object.keys(project.services[name]?.dependsOn ?? {});
    const level = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((dep) => visit(dep, [...path, name])));
    depth.set(name, level);
    return level;
  };
  const levels: string[][] = [];
  for (const name of Object.keys(project.services)) (levels[visit(name, [])] ??= []).push(name);
  return levels;
}

/**
 * What the engine alone needs for the same deploy, with bare API calls and no client logic: the
 * project's network, then each dependency level's containers created and started all at once,
 * levels one after another.
 */
function floorContender(docker: Docker, project: ComposeProject, runId: string): { contender: Contender; down(): Promise<void> } {
  const levels = dependencyLevels(project);
  const networkName = `berthbench${runId}_floor`;
  const labels = { ...TEST_LABELS, 'berth.bench.run': runId };
  let created: Docker.Container[] = [];
  const startOne = async (service: string): Promise<void> => {
    const spec = project.services[service];
    const container = await docker.createContainer({
      name: `${networkName}_${service}`,
      Image: spec.image,
      Cmd: spec.command,
      Labels: labels,
      HostConfig: { NetworkMode: networkName },
    });
    created.push(container);
    await container.start();
  };
  return {
    contender: {
      name: 'floor',
      redeploys: false,
      up: async () => {
        await docker.createNetwork({ Name: networkName, Labels: labels });
        for (const level of levels) await Promise.all(level.map(startOne));
      },
    },
    down: async () => {
      await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
      created = [];
      await docker.getNetwork(networkName).remove().catch(() => undefined);
    },
  };
}

/**
 * Berth's deploy (load + apply from plain Node) against the engine's floor for the same dependency
 * levels and against Debian's docker-compose 1.29 `up -d`, on the same six-service file, in the
 * same run, interleaved. Everything is taken down, untimed, before every deploy; each Berth and
 * compose deploy is followed by a timed no-op redeploy.
 */
export const composeBenchmark: Benchmark = {
  id: 'compose',
  section: COMPOSE_SECTION,
  async run(context): Promise<BenchResult> {
    const docker = testDocker();
    const client = testClient(context.dockerHost);
    const runId = randomBytes(4).toString('hex');
    const project = `berthbench${runId}`;
    const env = { COMPOSE_PROJECT_NAME: project, BERTH_BENCH_RUN: runId };
    const load = (): ReturnType<typeof loadComposeProject> => loadComposeProject({ files: [FILE], env });
    const model = load().project;
    const floor = floorContender(docker, model, runId);
    const contenders: Contender[] = [
      {
        name: 'berth',
        redeploys: true,
        up: async () => {
          await applyUp(client, load());
        },
      },
      {
        name: 'compose',
        redeploys: true,
        up: async () => {
          await run('docker-compose', ['-p', project, '-f', FILE, 'up', '-d'], { env: { ...process.env, DOCKER_HOST: context.dockerHost, ...env } });
        },
      },
      floor.contender,
    ];
    const down = async (): Promise<void> => {
      await applyDown(client, project, load().project, { stopTimeoutSeconds: 2 });
      await floor.down();
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
          let noopMs: number | undefined;
          if (contender.redeploys) {
            started = performance.now();
            await contender.up();
            noopMs = performance.now() - started;
          }
          if (round >= 0) {
            timings.get(contender.name)!.deploy.push(deployMs);
            if (noopMs !== undefined) timings.get(contender.name)!.noop.push(noopMs);
          }
          context.log(`compose round ${round}: ${contender.name} deploy ${Math.round(deployMs)} ms${noopMs === undefined ? '' : `, no-op ${Math.round(noopMs)} ms`}`);
        }
      }
      await down();
      await contenders[0].up();
      const running = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
      if (running.length !== 6) throw new Error(`expected the six services running after Berth's deploy, found ${running.length}`);
    } finally {
      await down().catch(() => undefined);
    }
    const berth = summarize(timings.get('berth')!.deploy);
    const compose = summarize(timings.get('compose')!.deploy);
    const floorSummary = summarize(timings.get('floor')!.deploy);
    const floorRatio = berth.medianMs / floorSummary.medianMs;
    const composeRatio = berth.medianMs / compose.medianMs;
    const noop = summarize(timings.get('berth')!.noop);
    const levels = dependencyLevels(model).map((level) => level.join(', '));
    return {
      rows: [
        {
          measured: 'Deploy a six-service project (chain of 3, fan-out of 3), images present',
          berth: formatSummary(berth),
          comparisons: [
            { label: 'engine floor: bare API calls, each dependency level at once', figure: formatSummary(floorSummary) },
            { label: `docker-compose 1.29 up -d (information: Berth/compose ${formatRatio(composeRatio)})`, figure: formatSummary(compose) },
          ],
          checks: [{ ratioName: 'Berth/floor', ratio: floorRatio, target: `≤ ${FLOOR_TARGET.toFixed(2)}×`, met: floorRatio <= FLOOR_TARGET }],
        },
        {
          measured: 'No-op redeploy of the unchanged project',
          berth: formatSummary(noop),
          comparisons: [{ label: 'docker-compose 1.29 up -d', figure: formatSummary(summarize(timings.get('compose')!.noop)) }],
          checks: [{ target: `< ${NOOP_TARGET_MS} ms`, met: noop.p90Ms < NOOP_TARGET_MS }],
        },
      ],
      notes: [
        `${repetitions} interleaved rounds (balanced order) of Berth, docker-compose and the engine floor after ${warmups} warm-up; ` +
          'everything is taken down, untimed, before each deploy, and each Berth and docker-compose deploy is followed by a timed redeploy of the same file.',
        `The engine floor is what the engine alone needs for this deploy: the project network, then the containers of each dependency level ` +
          `(${levels.map((l) => `[${l}]`).join(' then ')}) created and started all at once with bare API calls, levels one after another. ` +
          'Berth/floor is the target ratio; Berth/compose is kept as information. Berth can come in under the floor: it starts each ' +
          'service as soon as its own dependencies have started (web right after api, without waiting for the workers), where the ' +
          'floor waits for the whole level.',
        'Berth is timed from plain Node: loading (parse, interpolate, validate) plus applying through the engine API. docker-compose is ' +
          'timed as a process, Python start-up included, as a user runs it.',
        `The no-op target is checked on the p90; ratios are ratios of medians (${formatRatio(0.5)} means Berth takes half the time).`,
      ],
    };
  },
};
