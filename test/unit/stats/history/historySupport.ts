import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../../support/paths';
import { percentOf, type ContainerSample } from '../../../../src/stats/statsMath';

export const WASM_PATH: string = path.join(repoRoot, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm');

/** A fresh folder under the OS temp dir; remove it with removeTempDir. */
export function makeTempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'berth-history-'));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A sample with memoryPercent derived the way the stats math derives it. */
export function sample(containerId: string, timestamp: number, metrics: Partial<ContainerSample> = {}, containerName = `name-${containerId}`): ContainerSample {
  const s: ContainerSample = { containerId, containerName, timestamp, ...metrics };
  const percent = percentOf(s.memoryUsedBytes, s.memoryLimitBytes);
  if (percent !== undefined) s.memoryPercent = percent;
  return s;
}
