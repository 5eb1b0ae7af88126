import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildImage } from '../src/build/imageBuild';
import { TEST_IMAGE, TEST_LABELS, testClient, testDocker } from '../test/support/engineHarness';
import type { Benchmark, BenchResult } from './benchmark';
import { runInterleaved } from './interleave';
import { BUILD_SECTION } from './sections';
import { formatRatio, formatSummary, summarize } from './stats';

const run = promisify(execFile);
const IGNORED_PACKAGES = 200;
const FILES_PER_PACKAGE = 100;
const KEPT_FILES = 200;
const RATIO_TARGET = 1.0;
const MEMORY_TARGET_MB = 64;
/** A build takes a second or two; more rounds than this add minutes and no information. */
const MAX_REPETITIONS = 10;
const MEMORY_RUNS = 3;

/** A project as a Node developer has it: 20,000 files under node_modules (ignored) and 200 source files (kept). */
async function writeProject(dir: string): Promise<void> {
  const filler = 'x'.repeat(400);
  for (let p = 0; p < IGNORED_PACKAGES; p++) {
    const pkg = path.join(dir, 'node_modules', `pkg-${p}`, 'lib');
    await fs.mkdir(pkg, { recursive: true });
    await Promise.all(Array.from({ length: FILES_PER_PACKAGE }, (_, f) => fs.writeFile(path.join(pkg, `file-${f}.js`), `// ${p}/${f}\n${filler}\n`)));
  }
  await fs.mkdir(path.join(dir, 'src'), { recursive: true });
  await Promise.all(Array.from({ length: KEPT_FILES }, (_, f) => fs.writeFile(path.join(dir, 'src', `module-${f}.js`), `export const n${f} = ${f};\n${filler}\n`)));
  await fs.writeFile(path.join(dir, '.dockerignore'), 'node_modules\n**/*.log\n');
  await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nWORKDIR /app\nCOPY . .\nRUN ls src | wc -l\n`);
}

/** Samples the bench process's memory while `work` runs; the peak RSS and heap above what they were before. */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number; heapMb: number }> {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, rssMb: (rss - before.rss) / 1024 ** 2, heapMb: (heap - before.heapUsed) / 1024 ** 2 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Berth's build (context walk + .dockerignore + tar streamed to /build, output read to the end) against
 * `DOCKER_BUILDKIT=0 docker build` on the same folder, interleaved, both with the layer cache warm, so the
 * figure is dominated by what each does with the context. Memory is sampled in this process during Berth's builds.
 */
export const buildBenchmark: Benchmark = {
  id: 'build',
  section: BUILD_SECTION,
  async run(context): Promise<BenchResult> {
    const docker = testDocker();
    const client = testClient(context.dockerHost);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-build-bench-'));
    const repo = `berth-test/build-bench-${randomBytes(4).toString('hex')}`;
    const tags = { berth: `${repo}:berth`, cli: `${repo}:cli` };
    const labels = Object.entries(TEST_LABELS).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const memory: { rssMb: number; heapMb: number }[] = [];
    const sent: number[] = [];
    try {
      context.log(`build: writing ${IGNORED_PACKAGES * FILES_PER_PACKAGE} ignored and ${KEPT_FILES} kept files`);
      await writeProject(dir);
      const repetitions = Math.min(context.settings.repetitions, MAX_REPETITIONS);
      const runs = await runInterleaved(
        [
          {
            name: 'berth',
            // Timed bare: the memory sampler and the byte counter run in separate, untimed builds below.
            run: () => buildImage(client, { context: dir, tag: tags.berth, labels: TEST_LABELS }),
          },
          {
            name: 'cli',
            run: async () => {
              // Not -q: the CLI reads the step output as Berth does.
              await run('docker', ['build', ...labels, '-t', tags.cli, dir], {
                env: { ...process.env, DOCKER_HOST: context.dockerHost, DOCKER_BUILDKIT: '0' },
                maxBuffer: 16 * 1024 * 1024,
              });
            },
          },
        ],
        { warmups: Math.min(context.settings.warmups, 2), repetitions },
      );
      for (let i = 0; i < MEMORY_RUNS; i++) {
        let bytes = 0;
        memory.push(await peakMemory(() => buildImage(client, { context: dir, tag: tags.berth, labels: TEST_LABELS, onContextBytes: (n) => (bytes = n) })));
        sent.push(bytes);
      }
      const berth = summarize(runs.timingsMs.get('berth') ?? []);
      const cli = summarize(runs.timingsMs.get('cli') ?? []);
      const ratio = berth.medianMs / cli.medianMs;
      const peakRss = Math.max(...memory.map((m) => m.rssMb));
      const peakHeap = Math.max(...memory.map((m) => m.heapMb));
      const kb = Math.max(...sent) / 1024;
      return {
        rows: [
          {
            measured: `Build a project: ${IGNORED_PACKAGES * FILES_PER_PACKAGE} files in node_modules excluded by .dockerignore, ${KEPT_FILES} kept (cache warm)`,
            berth: formatSummary(berth),
            comparisons: [{ label: 'DOCKER_BUILDKIT=0 docker build', figure: formatSummary(cli) }],
            checks: [{ ratioName: 'Berth/CLI', ratio, target: `≤ ${RATIO_TARGET.toFixed(1)}×`, met: ratio <= RATIO_TARGET }],
          },
          {
            measured: 'Berth\'s peak memory while sending that context and building (growth of the process)',
            berth: `RSS +${peakRss.toFixed(1)} MB, heap +${peakHeap.toFixed(1)} MB`,
            comparisons: [{ label: 'context sent', figure: `${kb.toFixed(0)} KB` }],
            checks: [{ target: `< ${MEMORY_TARGET_MB} MB`, met: peakRss < MEMORY_TARGET_MB && peakHeap < MEMORY_TARGET_MB }],
          },
        ],
        notes: [
          `${repetitions} interleaved rounds (balanced order) of Berth and the docker CLI after the warm-ups, on the same folder and engine, ` +
            'both with the classic builder and a warm layer cache, so every build walks the folder, applies .dockerignore, sends the tar and ' +
            'has the engine check each step against its cache. The CLI is timed as a process, Go start-up included, as a user runs it.',
          `Berth is timed from plain Node (the extension's own core, no VS Code). Memory is measured in ${MEMORY_RUNS} further, untimed Berth builds, ` +
            'sampled every 5 ms in the bench process; the row shows the largest growth over the value before that build, RSS and V8 heap. ' +
            `Ratios are ratios of medians (${formatRatio(0.5)} means Berth takes half the time).`,
        ],
      };
    } finally {
      for (const tag of Object.values(tags)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
