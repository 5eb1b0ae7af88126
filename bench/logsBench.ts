import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Benchmark, BenchResult } from './benchmark';
import { createTestContainer } from '../test/support/engineHarness';
import { runInterleaved } from './interleave';
import type { EngineConnection } from '../src/engine/engineConnection';
import { berthEngine, runLogPipeline, type PipelineRun } from './logPipeline';
import { LOGS_SECTION } from './sections';
import { formatRatio, formatSummary, summarize } from './stats';

const LINES = 1_000_000;
const RATIO_TARGET = 1.0;
const MEMORY_TARGET_MB = 64;
const MEMORY_RUNS = 3;
const MAX_REPETITIONS = 5;

/** `docker logs <id>` with stdout and stderr to /dev/null; resolves when the process exits. */
function cliLogs(dockerHost: string, id: string): () => Promise<void> {
  return () =>
    new Promise((resolve, reject) => {
      const child = spawn('docker', ['logs', id], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, DOCKER_HOST: dockerHost } });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker logs exited with ${code}`))));
    });
}

interface Probe {
  lines: number;
  totalMs: number;
  rssDeltaMb: number;
  heapDeltaMb: number;
  baselineRssMb: number;
}

/** One pipeline pass in a fresh Node process, for its peak memory. */
function probeMemory(dockerHost: string, id: string): Promise<Probe> {
  const script = path.join(__dirname, 'logPipelineProbe.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, dockerHost, id, String(LINES)], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`memory probe failed: ${stderr.trim() || error.message}`));
      resolve(JSON.parse(stdout.trim()) as Probe);
    });
  });
}

/** A million numbered lines through Berth's log pipeline against `docker logs` to /dev/null, same container, same run. */
export const logsBenchmark: Benchmark = {
  id: 'logs',
  section: LOGS_SECTION,
  async run(context): Promise<BenchResult> {
    // One round moves a million lines twice (20-40 s on 2 cores): a few rounds keep the run under 10 minutes.
    const repetitions = Math.min(context.settings.repetitions, MAX_REPETITIONS);
    const warmups = Math.min(context.settings.warmups, 1);
    context.log(`logs: a container printing ${LINES.toLocaleString('en-US')} lines`);
    const container = await createTestContainer(context.docker, { Cmd: ['seq', '1', String(LINES)], Labels: { 'berth.bench.logs': '1' } });
    let engine: EngineConnection | undefined;
    try {
      const exit = await container.wait();
      if ((exit as { StatusCode: number }).StatusCode !== 0) throw new Error('the seq container failed');
      engine = await berthEngine(context.dockerHost);
      const connected = engine;
      context.log(`logs: ${warmups} warm-up rounds, then ${repetitions} measured rounds of Berth's pipeline and docker logs`);
      const runs = await runInterleaved<PipelineRun | undefined>(
        [
          { name: 'berth', run: () => runLogPipeline(connected, container.id, LINES) },
          { name: 'cli', run: async () => void (await cliLogs(context.dockerHost, container.id)()) },
        ],
        { warmups, repetitions },
      );
      const pipelineRuns = (runs.results.get('berth') ?? []).filter((r): r is PipelineRun => r !== undefined);
      for (const r of pipelineRuns) {
        if (r.lines !== LINES || r.firstLine !== '1' || r.lastLine !== String(LINES)) {
          throw new Error(`the pipeline delivered ${r.lines} lines from "${r.firstLine}" to "${r.lastLine}", not 1 to ${LINES}`);
        }
      }
      context.log(`logs: ${MEMORY_RUNS} memory probes, each in a fresh process`);
      const probes: Probe[] = [];
      for (let i = 0; i < MEMORY_RUNS; i++) probes.push(await probeMemory(context.dockerHost, container.id));
      const berth = summarize(runs.timingsMs.get('berth') ?? []);
      const cli = summarize(runs.timingsMs.get('cli') ?? []);
      const firstToLast = summarize(pipelineRuns.map((r) => r.firstToLastMs));
      const batches = summarize(pipelineRuns.map((r) => r.batches));
      const ratio = berth.medianMs / cli.medianMs;
      const peakRss = Math.max(...probes.map((p) => p.rssDeltaMb));
      const peakHeap = Math.max(...probes.map((p) => p.heapDeltaMb));
      return {
        rows: [
          {
            measured: `${LINES.toLocaleString('en-US')} log lines of a finished container, request to last line`,
            berth: formatSummary(berth),
            comparisons: [{ label: 'docker logs > /dev/null', figure: formatSummary(cli) }],
            checks: [{ ratioName: 'Berth/CLI', ratio, target: `≤ ${formatRatio(RATIO_TARGET)}`, met: ratio <= RATIO_TARGET }],
          },
          {
            measured: `Peak memory of the pipeline over its baseline, ${LINES.toLocaleString('en-US')} lines`,
            berth: `RSS +${peakRss.toFixed(1)} MB, heap+external +${peakHeap.toFixed(1)} MB`,
            comparisons: [],
            checks: [{ target: `< ${MEMORY_TARGET_MB} MB`, met: peakRss < MEMORY_TARGET_MB }],
          },
        ],
        notes: [
          `Fixture: one container from \`berth-test/busybox:latest\` running \`seq 1 ${LINES}\` (json-file log driver), finished before timing starts; ` +
            'both contenders read the same log in the same rounds, interleaved in balanced orders ' +
            `(${warmups} warm-up rounds, then ${repetitions} measured).`,
          'Berth: `LogFollower` (src/logs/logFollower.ts) with the tuning of a log channel (`FOLLOW_TUNING` in src/logs/logLimits.ts: ' +
            'batches at most every 250 ms, 8 MiB before the engine stream is paused), `tail: all`, with a dockerode client built from the endpoint (on this ' +
            'unix socket the logs request itself goes out as raw HTTP/1.0, see src/engine/engineStream.ts): demultiplexing, timestamp parsing ' +
            '(Berth always asks for timestamps, to resume exactly after a restart), UTF-8 decoding and escape stripping where a line needs them ' +
            '(plain lines are copied from the engine\'s bytes), coalescing and rendering to the text a channel would append. Timed from starting the follower to the batch holding line ' +
            `${LINES.toLocaleString('en-US')}; every run is checked to deliver exactly 1 to ${LINES.toLocaleString('en-US')}. First to last line alone: ` +
            `${formatSummary(firstToLast)}; ${Math.round(batches.medianMs)} batches per run (median).`,
          'Docker CLI: `docker logs <id>` with stdout and stderr to /dev/null, as a child process; process start included.',
          `Memory: ${MEMORY_RUNS} extra passes, each in a fresh Node process (bench/logPipelineProbe.ts) so the runner's own heap is not counted: ` +
            'after the client is built and a GC, the baseline is `process.memoryUsage()`; the peak is the highest of RSS samples every 10 ms and ' +
            "the kernel's maxRSS, and separately of `heapUsed + external`. The row shows the largest of the passes (their baseline RSS was " +
            `${probes.map((p) => p.baselineRssMb.toFixed(0)).join(', ')} MB); the target applies to RSS.`,
        ],
      };
    } finally {
      engine?.dispose();
      await container.remove({ force: true }).catch(() => undefined);
    }
  },
};
