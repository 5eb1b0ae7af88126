import type { Benchmark } from './benchmark';
import { idleBenchmark } from './idleBench';
import { listingBenchmark } from './listingBench';
import { viewsBenchmark } from './viewsBench';

/** Every benchmark `npm run bench` runs, in order; BENCHMARKS.md shows their rows grouped by section. */
export const BENCHMARKS: readonly Benchmark[] = [listingBenchmark, idleBenchmark, viewsBenchmark];
