import { execFile } from 'node:child_process';
import type Docker from 'dockerode';
import { promisify } from 'node:util';
import type { ContainerSample } from '../src/stats/statsMath';
import { StatsSampler } from '../src/stats/statsSampler';
import { openMetricsStore } from '../src/stats/history/metricsStore';
import { TEST_IMAGE, TEST_LABELS, testClient } from '../test/support/engineHarness';
import * as os from 'node:os';
import type { Benchmark, BenchResult } from './benchmark';
import { STATS_SECTION } from './sections';
import { formatSummary, summarize } from './stats';
import { benchTempFile, removeBenchTemp, WASM_PATH } from './statsBenchSupport';

const CONTAINERS = 50;
const INTERVAL_MS = 5_000;
const INTERVALS = 12;
const CLI_ROUNDS = 3;
const CPU_TARGET_PERCENT = 5;
const BENCH_LABEL = 'berth.bench.stats';

const run = promisify(execFile);

async function createContainers(docker: Docker, runId: string, log: (m: string) => void): Promise<Docker.Container[]> {
  log(`stats: starting ${CONTAINERS} containers`);
  const created: Docker.Container[] = [];
  for (let i = 0; i < CONTAINERS; i += 8) {
    const batch = Array.from({ length: Math.min(8, CONTAINERS - i) }, async () => {
      const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: { ...TEST_LABELS, [BENCH_LABEL]: runId } });
      created.push(c);
      await c.start();
    });
    await Promise.all(batch);
  }
  return created;
}

/** Berth's sampler over 50 running containers for a minute, against rounds of `docker stats --no-stream`. */
export const statsSamplingBenchmark: Benchmark = {
  id: 'statsSampling',
  section: STATS_SECTION,
  async run(context): Promise<BenchResult> {
    const runId = `${process.pid}-${Date.now()}`;
    let containers: Docker.Container[] = [];
    const file = benchTempFile('sampling');
    try {
      containers = await createContainers(context.docker, runId, context.log);
      const ids = containers.map((c) => c.id);
      const { store } = await openMetricsStore(file.path, WASM_PATH);
      const samples: ContainerSample[] = [];
      let pending: ContainerSample[] = [];
      let errors = 0;
      const sampler = new StatsSampler(testClient(context.dockerHost), {
        intervalMs: INTERVAL_MS,
        onSample: (s) => {
          samples.push(s);
          pending.push(s);
        },
        onError: () => errors++,
      });
      // As the recorder does: one batch per interval into the store.
      const flush = setInterval(() => {
        store.insert(pending);
        pending = [];
      }, INTERVAL_MS);
      context.log(`stats: sampling ${CONTAINERS} containers every ${INTERVAL_MS / 1000} s for ${(INTERVALS * INTERVAL_MS) / 1000} s`);
      sampler.setContainers(ids);
      const cpuBefore = process.cpuUsage();
      const started = Date.now();
      sampler.start();
      await new Promise((resolve) => setTimeout(resolve, INTERVALS * INTERVAL_MS));
      const cpu = process.cpuUsage(cpuBefore);
      const wallMs = Date.now() - started;
      sampler.stop();
      clearInterval(flush);
      store.insert(pending);
      store.close();

      // Interval k is [start + k·5 s, start + (k+1)·5 s): each container needs a sample in every one.
      const seen = new Set(samples.map((s) => `${s.containerId}:${Math.floor((s.timestamp - started) / INTERVAL_MS)}`));
      let covered = 0;
      for (const id of ids) for (let k = 0; k < INTERVALS; k++) if (seen.has(`${id}:${k}`)) covered++;
      const expected = ids.length * INTERVALS;
      const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;

      context.log(`stats: timing ${CLI_ROUNDS} rounds of docker stats --no-stream`);
      const cliTimes: number[] = [];
      for (let i = 0; i < CLI_ROUNDS; i++) {
        const t0 = performance.now();
        await run('docker', ['stats', '--no-stream', ...ids], { env: { ...process.env, DOCKER_HOST: context.dockerHost }, maxBuffer: 16 * 1024 * 1024 });
        cliTimes.push(performance.now() - t0);
      }
      const cli = summarize(cliTimes);
      return {
        rows: [
          {
            measured: `Sampling ${CONTAINERS} running containers every ${INTERVAL_MS / 1000} s for ${(INTERVALS * INTERVAL_MS) / 1000} s: container-intervals sampled`,
            berth: `${covered} / ${expected}`,
            comparisons: [{ label: '`docker stats --no-stream`, one round', figure: formatSummary(cli) }],
            checks: [{ target: 'every container in every interval', met: covered === expected }],
          },
          {
            measured: 'CPU time of the sampling process, % of one core',
            berth: `${cpuPercent.toFixed(2)} %`,
            comparisons: [],
            checks: [{ target: `≤ ${CPU_TARGET_PERCENT} %`, met: cpuPercent <= CPU_TARGET_PERCENT }],
          },
        ],
        notes: [
          `Stats sampling: ${CONTAINERS} busybox containers running \`sleep\`, sampled by Berth's StatsSampler (non-streaming stats calls, ` +
            `bounded concurrency) with each interval's samples inserted into a metrics store, for ${INTERVALS} intervals. ` +
            `${samples.length} samples, ${errors} failed calls. CPU time is \`process.cpuUsage()\` of the benchmark process over the ` +
            `${(wallMs / 1000).toFixed(1)} s window, divided by wall time. \`docker stats --no-stream\` on the same ${CONTAINERS} containers ` +
            `was timed in ${CLI_ROUNDS} rounds after the sampling window: one round is what a 5 s refresh driven by the CLI would cost.`,
          `Machine load average (1 min) at the end of this measurement: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; ` +
            'figures from a machine busy with other work are lower than on an idle one.',
        ],
      };
    } finally {
      await Promise.all(containers.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
      removeBenchTemp(file.dir);
    }
  },
};
