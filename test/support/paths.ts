import * as path from 'node:path';

// Compiled tests live in out/test/...; fixtures and scripts stay in the source tree.
export const repoRoot: string = path.resolve(__dirname, '..', '..', '..');

export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}
