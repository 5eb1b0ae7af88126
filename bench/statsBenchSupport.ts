import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/paths';
import type { ContainerSample } from '../src/stats/statsMath';

export const WASM_PATH: string = path.join(repoRoot, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm');

/** A metrics file path in a fresh temp folder; remove the folder with removeBenchTemp. */
export function benchTempFile(prefix: string): { dir: string; path: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `berth-bench-${prefix}-`));
  return { dir, path: path.join(dir, 'metrics.sqlite') };
}

export function removeBenchTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Milliseconds between two samples of a bench container, as at the default interval. */
export const BENCH_STEP_MS = 5_000;

/** A realistic sample of bench container `container` at step `index` (BENCH_STEP_MS apart from `start`). */
export function benchSample(container: number, index: number, start: number, idFill = 'c'): ContainerSample {
  // Realistic value shapes: a wobbling CPU %, memory in MiB, growing byte counters.
  return {
    containerId: `${container.toString(16).padStart(4, '0')}${idFill.repeat(60)}`,
    containerName: `bench-${container}`,
    timestamp: start + index * BENCH_STEP_MS,
    cpuPercent: 20 + 15 * Math.sin(index / 30 + container),
    memoryUsedBytes: (64 + (index % 200)) * 1024 * 1024,
    memoryLimitBytes: 512 * 1024 * 1024,
    networkRxBytes: index * 4_096 + container,
    networkTxBytes: index * 1_024,
    blockReadBytes: index * 512,
    blockWriteBytes: index * 2_048,
    pids: 3 + (index % 5),
  };
}
