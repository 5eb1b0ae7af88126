import type { Benchmark } from './benchmark';
import { buildBenchmark } from './buildBench';
import { composeBenchmark } from './composeBench';
import { composeLoaderBenchmark } from './composeLoaderBench';
import { filesBenchmark } from './filesBench';
import { idleBenchmark } from './idleBench';
import { listingBenchmark } from './listingBench';
import { registryTagsBenchmark } from './registryTagsBench';
import { sshBenchmark } from './sshBench';
import { enginesBenchmark } from './enginesBench';
import { logsBenchmark } from './logsBench';
import { logFloodBenchmark } from './vscode/logFloodBench';
import { statsSamplingBenchmark } from './statsSamplingBench';
import { statsHistoryLoopBenchmark } from './statsHistoryLoopBench';
import { statsMultiWindowBenchmark } from './statsMultiWindowBench';
import { statsStoreBenchmark } from './statsStoreBench';
import { viewsBenchmark } from './viewsBench';

/** Every benchmark `npm run bench` runs, in order; BENCHMARKS.md shows their rows grouped by section. */
export const BENCHMARKS: readonly Benchmark[] = [
  listingBenchmark,
  idleBenchmark,
  viewsBenchmark,
  statsSamplingBenchmark,
  statsStoreBenchmark,
  statsHistoryLoopBenchmark,
  statsMultiWindowBenchmark,
  composeBenchmark,
  composeLoaderBenchmark,
  logsBenchmark,
  logFloodBenchmark,
  sshBenchmark,
  enginesBenchmark,
  registryTagsBenchmark,
  filesBenchmark,
  buildBenchmark,
];
