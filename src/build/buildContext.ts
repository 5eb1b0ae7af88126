import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { ExtraFile, packContext } from './contextTar';
import { BuildContextError, walkContext } from './contextWalk';
import { keepBuildFiles, parseDockerignore } from './dockerignore';
import { DockerignorePatternError, PatternMatcher } from './patternMatcher';

export interface BuildContextOptions {
  /** The Dockerfile, relative to the context (as compose and the engine read it) or absolute. Default `Dockerfile`. */
  dockerfile?: string;
  signal?: AbortSignal;
}

export interface BuildContext {
  /** The context as a tar, produced while the engine reads it. */
  stream: Readable;
  /** The Dockerfile's path inside the tar: the engine's `dockerfile` parameter. */
  dockerfile: string;
  /** The ignore file applied (`<Dockerfile>.dockerignore` or the context's `.dockerignore`), if any. */
  ignoreFile?: string;
  /** The patterns applied, with the exceptions that keep the Dockerfile and .dockerignore in. */
  patterns: string[];
}

/**
 * Prepares a local build context as `docker build` sends it: the .dockerignore rules applied the
 * way Docker applies them, the Dockerfile and .dockerignore always included, a Dockerfile from
 * outside the context added under a generated name. Throws BuildContextError for a missing folder
 * or Dockerfile and for an invalid pattern; read failures later surface as a stream error.
 */
export async function createBuildContext(contextDir: string, options: BuildContextOptions = {}): Promise<BuildContext> {
  const root = await contextRoot(contextDir);
  const given = options.dockerfile ?? 'Dockerfile';
  const dockerfilePath = await locateDockerfile(root, given, options.dockerfile === undefined);
  const relative = path.relative(root, dockerfilePath);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  const dockerfileName = outside ? `.dockerfile.${randomBytes(10).toString('hex')}` : relative.split(path.sep).join('/');

  // BuildKit's rule: an ignore file named after the Dockerfile, next to it, wins over the context's.
  const specific = `${path.resolve(root, given)}.dockerignore`;
  const ignoreFile = (await readOptional(specific)) !== undefined ? specific : path.join(root, '.dockerignore');
  const ignoreText = await readOptional(ignoreFile);
  let patterns = ignoreText === undefined ? [] : parseDockerignore(ignoreText);
  let matcher: PatternMatcher;
  try {
    patterns = keepBuildFiles(patterns, outside ? '.' : dockerfileName);
    matcher = new PatternMatcher(patterns);
  } catch (err) {
    if (err instanceof DockerignorePatternError) throw new BuildContextError(`${ignoreFile}: ${err.message}`, { cause: err });
    throw err;
  }

  const extra: ExtraFile[] = [];
  const replace = new Map<string, Buffer>();
  if (outside) {
    extra.push({ name: dockerfileName, content: await fs.readFile(dockerfilePath) });
    // As the docker CLI does: the engine leaves files the .dockerignore lists out of COPY, so the added Dockerfile is listed.
    const contextIgnore = await readOptional(path.join(root, '.dockerignore'));
    if (contextIgnore !== undefined) replace.set('.dockerignore', Buffer.from(`${contextIgnore}\n${dockerfileName}`));
  }
  const stream = packContext(walkContext(root, matcher), { extra, replace, signal: options.signal });
  return { stream, dockerfile: dockerfileName, ignoreFile: ignoreText === undefined ? undefined : ignoreFile, patterns };
}

async function contextRoot(contextDir: string): Promise<string> {
  let root: string;
  try {
    root = await fs.realpath(contextDir);
  } catch (err) {
    throw new BuildContextError(`The build context ${contextDir} does not exist or cannot be read: ${(err as Error).message}`, { cause: err });
  }
  if (!(await fs.stat(root)).isDirectory()) throw new BuildContextError(`The build context ${contextDir} is not a folder.`);
  return root;
}

/** Like the docker CLI: symlinks resolved; with no name given, `Dockerfile`, else `dockerfile`. */
async function locateDockerfile(root: string, given: string, defaulted: boolean): Promise<string> {
  const candidates = defaulted ? [path.join(root, 'Dockerfile'), path.join(root, 'dockerfile')] : [path.resolve(root, given)];
  for (const candidate of candidates) {
    try {
      const real = await fs.realpath(candidate);
      if ((await fs.stat(real)).isFile()) return real;
    } catch {
      // Try the next name; the error below names what was looked for.
    }
  }
  throw new BuildContextError(`Cannot find the Dockerfile ${candidates[0]}.`);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new BuildContextError(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}
