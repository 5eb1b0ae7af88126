import { Dirent, promises as fs, Stats } from 'node:fs';
import * as path from 'node:path';
import { ParentMatches, PatternMatcher } from './patternMatcher';

/** A file system object that goes into the build context. */
export interface ContextEntry {
  /** Slash path relative to the context root, as it is named in the tar. */
  name: string;
  absolute: string;
  /** lstat: a symlink is described, never followed. */
  stats: Stats;
  /** A symlink's target text, stored as is in the tar. */
  linkTarget?: string;
}

/** Failure to read part of the context; names the path, as `docker build` does. */
export class BuildContextError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BuildContextError';
  }
}

interface Frame {
  dir: string;
  name: string;
  matches: ParentMatches;
  entries: Dirent[];
  next: number;
}

/**
 * Walks the context the way the docker CLI's TarWithOptions does, so the same entries come out:
 * names in byte order, parents before children; an excluded file is left out; an excluded
 * directory is skipped whole unless an exception pattern starts with its path, in which case it is
 * walked (for what the exception re-includes) but its own entry is left out. Only one directory
 * listing per level is held at a time.
 */
export async function* walkContext(root: string, matcher: PatternMatcher): AsyncGenerator<ContextEntry> {
  const stack: Frame[] = [{ dir: root, name: '', matches: undefined, entries: await listDir(root, '.'), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const dirent = frame.entries[frame.next++];
    const name = frame.name ? `${frame.name}/${dirent.name}` : dirent.name;
    const absolute = path.join(frame.dir, dirent.name);
    const { excluded, matches } = matcher.matchesUsingParent(name, frame.matches);
    const isDir = dirent.isDirectory();
    if (excluded && !(isDir && exceptionBelow(matcher, name))) continue;
    let stats: Stats;
    let linkTarget: string | undefined;
    try {
      stats = await fs.lstat(absolute);
      if (stats.isSymbolicLink() && !excluded) linkTarget = await fs.readlink(absolute);
    } catch (err) {
      // Deleted while we walked: docker skips it too.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new BuildContextError(`Cannot read "${name}" in the build context: ${(err as Error).message}`, { cause: err });
    }
    if (!excluded) yield { name, absolute, stats, linkTarget };
    if (isDir) stack.push({ dir: absolute, name, matches, entries: await listDir(absolute, name), next: 0 });
  }
}

/**
 * Docker's rule for walking into an excluded directory: some exception's text starts with the
 * directory's path. It is a plain prefix test, so `!**\/keep` does not reopen `dir`, as in Docker.
 */
function exceptionBelow(matcher: PatternMatcher, dir: string): boolean {
  if (!matcher.hasExclusions) return false;
  return matcher.patterns.some((p) => p.exclusion && `${p.text}/`.startsWith(`${dir}/`));
}

async function listDir(dir: string, name: string): Promise<Dirent[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new BuildContextError(`Cannot read the folder "${name}" of the build context: ${(err as Error).message}`, { cause: err });
  }
  // Go's WalkDir order: byte-wise by name.
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}
