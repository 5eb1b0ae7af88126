// `npm run bench` runs this (out/bench/runBenchmarks.js) once the test engine answers; see scripts/bench.sh.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireEngine, testDockerHost } from '../test/support/engineHarness';
import { repoRoot } from '../test/support/paths';
import type { BenchContext, BenchResult, BenchSection } from './benchmark';
import { groupBySection, mergeWithPrevious, renderBenchmarksMarkdown, renderRow, tableHeader } from './benchmarksMarkdown';
import { describeEnvironment } from './benchEnvironment';
import { planBenchRun } from './benchSettings';
import { ContainerFixtures } from './containerFixture';
import { BENCHMARKS } from './registry';

const FIXTURE_CONTAINERS = 500;
const FIXTURE_RUNNING = 20;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Ctrl-C or a kill mid-run still removes what the run created before the process goes; returns "was a signal caught?". */
function removeFixturesOnSignal(fixtures: ContainerFixtures): () => boolean {
  let caught = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (caught) {
      log('still removing the benchmark containers…');
      return;
    }
    caught = true;
    log(`${signal}: removing the benchmark containers before exiting`);
    const code = 128 + (os.constants.signals[signal] ?? 0);
    fixtures.remove().then(
      () => process.exit(code),
      (error: unknown) => {
        log(`cleanup failed: ${String(error)}`);
        process.exit(code);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => caught;
}

async function main(): Promise<number> {
  const plan = planBenchRun(process.env);
  const unknown = (plan.only ?? []).filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) throw new Error(`no benchmark called ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  const benchmarks = plan.only ? BENCHMARKS.filter((b) => plan.only?.includes(b.id)) : BENCHMARKS;

  const docker = await requireEngine();
  const dockerHost = testDockerHost();
  const environment = await describeEnvironment(docker, dockerHost);
  const fixtures = new ContainerFixtures(docker, randomBytes(4).toString('hex'), log);
  const interrupted = removeFixturesOnSignal(fixtures);
  const context: BenchContext = {
    docker,
    dockerHost,
    settings: plan.settings,
    containers: () => fixtures.ensure(FIXTURE_CONTAINERS, FIXTURE_RUNNING),
    log,
  };

  const done: { section: BenchSection; result: BenchResult }[] = [];
  const failed: string[] = [];
  process.stdout.write(`${tableHeader()}\n`);
  try {
    for (const benchmark of benchmarks) {
      if (interrupted()) break;
      try {
        const result = await benchmark.run(context);
        for (const row of result.rows) process.stdout.write(`${renderRow(row)}\n`);
        done.push({ section: benchmark.section, result });
      } catch (error) {
        failed.push(benchmark.id);
        if (interrupted()) break;
        log(`benchmark "${benchmark.id}" failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  } finally {
    log('removing the containers this run created');
    await fixtures.remove();
  }

  // The signal handler exits once the removal is done; nothing more to write.
  if (interrupted()) return 130;
  if (failed.length > 0) {
    log(`BENCHMARKS.md left alone: ${failed.join(', ')} failed`);
    return 1;
  }
  // Fewer rounds or a shorter idle window are not the published method; a subset at full settings is.
  const onlySubset = plan.only !== undefined && plan.quickBecause === `only ${plan.only.join(', ')}`;
  if (plan.quickBecause && !onlySubset) {
    log(`BENCHMARKS.md left alone: not a full run (${plan.quickBecause})`);
    return 0;
  }
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  environment.loadAtEnd = os.loadavg()[0];
  const sections = groupBySection(done);
  const fresh = renderBenchmarksMarkdown(environment, sections);
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  fs.writeFileSync(file, onlySubset ? mergeWithPrevious(fresh, previous, sections.map((s) => s.section.title)) : fresh);
  log(`wrote ${path.relative(process.cwd(), file) || file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
