import { Dirent, lstat as lstatCallback, promises as fs, Stats } from 'node:fs';
import { promisify } from 'node:util';
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

interface Planned {
  name: string;
  absolute: string;
  excluded: boolean;
  matches: ParentMatches;
  isDir: boolean;
  /** lstat (and readlink), started a few entries ahead of its turn. */
  info?: Promise<Info | undefined>;
}

interface Info {
  stats: Stats;
  linkTarget?: string;
}

interface Frame {
  entries: Planned[];
  next: number;
}

// The callback lstat costs less per call than fs.promises.lstat; a context can have thousands of entries.
const lstat = promisify(lstatCallback);

/** How many entries of a folder are lstat'ed ahead of the one being yielded. */
const STAT_AHEAD = 16;

/**
 * Walks the context the way the docker CLI's TarWithOptions does, so the same entries come out:
 * names in byte order, parents before children; an excluded file is left out; an excluded
 * directory is skipped whole unless an exception pattern starts with its path, in which case it is
 * walked (for what the exception re-includes) but its own entry is left out. Only one directory
 * listing per level is held at a time.
 */
export async function* walkContext(root: string, matcher: PatternMatcher): AsyncGenerator<ContextEntry> {
  const stack: Frame[] = [{ entries: plan(root, '', undefined, await listDir(root, '.'), matcher), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    for (let i = frame.next; i < Math.min(frame.entries.length, frame.next + STAT_AHEAD); i++) {
      const ahead = frame.entries[i];
      if (!ahead.info) {
        ahead.info = describe(ahead);
        // Awaited in turn; this only keeps an early failure from counting as unhandled.
        ahead.info.catch(() => undefined);
      }
    }
    const entry = frame.entries[frame.next++];
    const info = await entry.info;
    // Deleted while we walked: docker skips it too.
    if (!info) continue;
    if (!entry.excluded) yield { name: entry.name, absolute: entry.absolute, stats: info.stats, linkTarget: info.linkTarget };
    if (entry.isDir) stack.push({ entries: plan(entry.absolute, entry.name, entry.matches, await listDir(entry.absolute, entry.name), matcher), next: 0 });
  }
}

/** A folder's entries in walk order, with what the ignore rules say of each; the ones neither sent nor walked are dropped. */
function plan(dir: string, dirName: string, parentMatches: ParentMatches, dirents: Dirent[], matcher: PatternMatcher): Planned[] {
  const planned: Planned[] = [];
  for (const dirent of dirents) {
    const name = dirName ? `${dirName}/${dirent.name}` : dirent.name;
    const { excluded, matches } = matcher.matchesUsingParent(name, parentMatches);
    const isDir = dirent.isDirectory();
    if (excluded && !(isDir && exceptionBelow(matcher, name))) continue;
    planned.push({ name, absolute: path.join(dir, dirent.name), excluded, matches, isDir });
  }
  return planned;
}

async function describe(entry: Planned): Promise<Info | undefined> {
  try {
    const stats = await lstat(entry.absolute);
    const linkTarget = stats.isSymbolicLink() && !entry.excluded ? await fs.readlink(entry.absolute) : undefined;
    return { stats, linkTarget };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BuildContextError(`Cannot read "${entry.name}" in the build context: ${(err as Error).message}`, { cause: err });
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
