import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { packContext } from '../build/contextTar';
import { walkContext, type ContextEntry } from '../build/contextWalk';
import { PatternMatcher } from '../build/patternMatcher';

/**
 * A tar of host files and folders for PUT /containers/{id}/archive, each under its own name. The
 * build context's walker and packer do the work: streamed from disk, symlinks stored, never followed.
 */
export function packHostPaths(paths: string[]): Readable {
  return packContext(entriesOf(paths));
}

async function* entriesOf(paths: string[]): AsyncGenerator<ContextEntry> {
  const noPatterns = new PatternMatcher([]);
  for (const absolute of paths) {
    const name = basename(absolute);
    const stats = await fs.lstat(absolute);
    const linkTarget = stats.isSymbolicLink() ? await fs.readlink(absolute) : undefined;
    yield { name, absolute, stats, linkTarget };
    if (!stats.isDirectory()) continue;
    for await (const entry of walkContext(absolute, noPatterns)) yield { ...entry, name: `${name}/${entry.name}` };
  }
}
