// Run as a child process by bench/logsBench.ts: one pass of the log pipeline in a fresh process,
// so its peak memory is not mixed with the benchmark runner's. Prints one JSON line.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { berthEngine, runLogPipeline } from './logPipeline';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const [dockerHost, containerId, expected] = process.argv.slice(2);
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  // Connected before the baseline, so the measured delta is the pipeline's alone.
  const engine = await berthEngine(dockerHost);
  gc();
  const before = process.memoryUsage();
  const baselineRss = before.rss;
  const baselineHeap = before.heapUsed + before.external;
  let peakHeap = baselineHeap;
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
    peakRss = Math.max(peakRss, now.rss);
  }, 10);
  const run = await runLogPipeline(engine, containerId, Number(expected));
  engine.dispose();
  clearInterval(sampler);
  // The kernel's high-water mark catches a peak between two samples.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({ lines: run.lines, totalMs: run.totalMs, rssDeltaMb: (peakRss - baselineRss) / MB, heapDeltaMb: (peakHeap - baselineHeap) / MB, baselineRssMb: baselineRss / MB })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
