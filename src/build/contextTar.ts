import { constants, createReadStream, Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { ChunkCoalescer } from './chunkCoalescer';
import { pack as createPack, Headers, Pack } from 'tar-stream';
import { abortError } from '../engine/actionErrors';
import { BuildContextError, ContextEntry } from './contextWalk';
import { readAhead, ReadEntry } from './contextReadAhead';

/** An extra file placed in the archive (a Dockerfile from outside the context, an edited .dockerignore). */
export interface ExtraFile {
  name: string;
  content: Buffer;
  mode?: number;
}

export interface PackOptions {
  /** Entries added before the walked ones. */
  extra?: ExtraFile[];
  /** Replaces the content of walked entries by name. */
  replace?: Map<string, Buffer>;
  signal?: AbortSignal;
}

const EMPTY = Buffer.alloc(0);
const MAX_ENTRY_SIZE = 8 * 1024 ** 3;

/**
 * A tar of `entries`, produced as the reader consumes it: file contents are streamed from disk one
 * at a time, never held whole. Owners are root as `docker build` sends them; modes and mtimes
 * (whole seconds) are kept; symlinks are stored as links with their target text, never followed.
 * Sockets are left out, as Docker leaves them out. A read failure destroys the stream with an
 * error naming the file.
 */
export function packContext(entries: AsyncIterable<ContextEntry>, options: PackOptions = {}): Readable {
  const pack = createPack();
  // The reader sees this stream, so every failure reaches it as an error with Berth's message,
  // even where tar-stream only closes its own stream.
  // Few large chunks: one socket write each, instead of one per tar header and small file.
  const output = new ChunkCoalescer();
  let finished = false;
  let failed = false;
  const fail = (err: Error): void => {
    if (failed || finished) return;
    failed = true;
    output.destroy(err);
    pack.destroy();
  };
  const onAbort = (): void => fail(abortError('Sending the build context was cancelled.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  pack.on('error', (err: Error) => fail(err));
  pack.on('close', () => fail(new BuildContextError('The build context stream stopped before its end.')));
  pack.on('end', () => {
    finished = true;
  });
  // A reader that gives up (a failed request) closes the output: stop reading files for it.
  output.on('close', () => {
    if (finished || failed) return;
    failed = true;
    pack.destroy();
  });
  pack.pipe(output);
  void (async (): Promise<void> => {
    try {
      if (options.signal?.aborted) return onAbort();
      for (const extra of options.extra ?? []) {
        if (failed) return;
        await addBuffer(pack, { name: extra.name, type: 'file', mode: extra.mode ?? 0o600, mtime: new Date(), uid: 0, gid: 0 }, extra.content);
      }
      for await (const entry of readAhead(entries)) {
        if (failed) return;
        await addEntry(pack, entry, options.replace?.get(entry.name));
      }
      if (!failed) pack.finalize();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  })();
  return output;
}

async function addEntry(pack: Pack, entry: ReadEntry, replacement: Buffer | undefined): Promise<void> {
  const header = headerFor(entry);
  if (!header) return;
  if (header.type !== 'file') return addBuffer(pack, header, EMPTY);
  if (replacement) return addBuffer(pack, header, replacement);
  if (entry.content) return addBuffer(pack, { ...header, size: entry.content.length }, entry.content);
  const size = entry.stats.size;
  // tar-stream 2 writes sizes as 11 octal digits only.
  if (size >= MAX_ENTRY_SIZE) throw new BuildContextError(`"${entry.name}" is 8 GiB or larger, which Berth cannot send in a build context yet; add it to .dockerignore if the build does not need it.`);
  if (size === 0) return addBuffer(pack, { ...header, size: 0 }, EMPTY);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (err?: Error | null): void => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    // Only the size announced in the header is read: a file growing meanwhile cannot corrupt the tar.
    const source = createReadStream(entry.absolute, { start: 0, end: size - 1 });
    const sink = pack.entry({ ...header, size }, (err) => {
      if (!err) return done();
      source.destroy();
      done(new BuildContextError(`"${entry.name}" changed while the build context was sent: ${err.message}`, { cause: err }));
    });
    source.once('error', (err) => done(new BuildContextError(`Cannot read "${entry.name}" in the build context: ${err.message}`, { cause: err })));
    source.pipe(sink);
  });
}

function addBuffer(pack: Pack, header: Headers, content: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    pack.entry(header, content, (err) => (err ? reject(err) : resolve()));
  });
}

/** The tar header Docker writes for this file, or undefined for what it leaves out (sockets). */
export function headerFor(entry: ContextEntry): (Headers & { type: NonNullable<Headers['type']> }) | undefined {
  const { stats } = entry;
  const base = {
    mode: stats.mode & 0o7777,
    mtime: new Date(Math.floor(stats.mtimeMs / 1000) * 1000),
    uid: 0,
    gid: 0,
  };
  switch (stats.mode & constants.S_IFMT) {
    case constants.S_IFDIR:
      return { ...base, name: `${entry.name}/`, type: 'directory' };
    case constants.S_IFREG:
      return { ...base, name: entry.name, type: 'file', size: stats.size };
    case constants.S_IFLNK:
      return { ...base, name: entry.name, type: 'symlink', linkname: entry.linkTarget ?? '' };
    case constants.S_IFIFO:
      return { ...base, name: entry.name, type: 'fifo' };
    case constants.S_IFCHR:
    case constants.S_IFBLK:
      return {
        ...base,
        name: entry.name,
        type: (stats.mode & constants.S_IFMT) === constants.S_IFCHR ? 'character-device' : 'block-device',
        devmajor: deviceMajor(stats),
        devminor: deviceMinor(stats),
      };
    default:
      return undefined;
  }
}

// Linux's dev_t encoding (glibc's gnu_dev_major/minor).
function deviceMajor(stats: Stats): number {
  const rdev = BigInt(stats.rdev);
  return Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
}

function deviceMinor(stats: Stats): number {
  const rdev = BigInt(stats.rdev);
  return Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
}
