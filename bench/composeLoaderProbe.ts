// Run as a child process by bench/composeLoaderBench.ts: loads one generated compose file in a fresh
// process, so its peak memory is not mixed with the runner's. Prints one JSON line.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { analyzeCompose } from '../src/compose/composeAnalysis';
import { manyServices } from '../test/unit/compose/composeHostileInputs';

const MB = 1024 * 1024;
const FILE = '/bench/compose.yaml';

function main(): void {
  const services = Number(process.argv[2]);
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const text = manyServices(services);
  gc();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const analysis = analyzeCompose({ options: { files: [FILE], env: {} }, buffers: { [FILE]: text } });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || Object.keys(analysis.project.services).length !== services) throw new Error(`the generated file did not load cleanly: ${analysis.diagnostics[0]?.message}`);
  process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, chars: text.length, rssDeltaMb: (peakRss - before.rss) / MB })}\n`);
}

try {
  main();
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
