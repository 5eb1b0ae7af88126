import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/paths';

export const WASM_PATH: string = path.join(repoRoot, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm');

/** A metrics file path in a fresh temp folder; remove the folder with removeBenchTemp. */
export function benchTempFile(prefix: string): { dir: string; path: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `berth-bench-${prefix}-`));
  return { dir, path: path.join(dir, 'metrics.sqlite') };
}

export function removeBenchTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
