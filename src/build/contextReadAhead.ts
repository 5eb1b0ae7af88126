import { constants, promises as fs } from 'node:fs';
import { BuildContextError, ContextEntry } from './contextWalk';

/** An entry with its content already read, for a small regular file. */
export interface ReadEntry extends ContextEntry {
  content?: Buffer;
}

export interface ReadAheadOptions {
  /** Entries in flight ahead of the one being written. */
  window: number;
  /** Files up to this size are read whole ahead of time; larger ones are streamed when their turn comes. */
  maxFileBytes: number;
  /** The most file content held ahead at once. */
  maxBufferedBytes: number;
}

export const DEFAULT_READ_AHEAD: ReadAheadOptions = { window: 32, maxFileBytes: 256 * 1024, maxBufferedBytes: 8 * 1024 * 1024 };

// O_NOFOLLOW: a file swapped for a symlink after the walk's lstat must not be read through it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads small files ahead of the tar writer, a bounded window at a time, so the many small files of a
 * typical context cost one round of parallel reads instead of one sequential open/read/close each.
 * Order is kept; memory stays under `maxBufferedBytes`. A read failure surfaces when its entry's turn comes.
 */
export async function* readAhead(entries: AsyncIterable<ContextEntry>, options: ReadAheadOptions = DEFAULT_READ_AHEAD): AsyncGenerator<ReadEntry> {
  const source = entries[Symbol.asyncIterator]();
  const queue: { entry: ContextEntry; content?: Promise<Buffer>; bytes: number }[] = [];
  let buffered = 0;
  let done = false;
  try {
    for (;;) {
      while (!done && queue.length < options.window && buffered < options.maxBufferedBytes) {
        const next = await source.next();
        if (next.done) {
          done = true;
          break;
        }
        const entry = next.value;
        const size = entry.stats.size;
        if (entry.stats.isFile() && size > 0 && size <= options.maxFileBytes) {
          const content = readWhole(entry);
          // Awaited in turn below; this only keeps an early failure from counting as unhandled.
          content.catch(() => undefined);
          queue.push({ entry, content, bytes: size });
          buffered += size;
        } else queue.push({ entry, bytes: 0 });
      }
      const head = queue.shift();
      if (!head) return;
      buffered -= head.bytes;
      yield head.content ? { ...head.entry, content: await head.content } : head.entry;
    }
  } finally {
    await source.return?.();
  }
}

async function readWhole(entry: ContextEntry): Promise<Buffer> {
  const size = entry.stats.size;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(entry.absolute, OPEN_FLAGS);
  } catch (err) {
    throw new BuildContextError(`Cannot read "${entry.name}" in the build context: ${(err as Error).message}`, { cause: err });
  }
  try {
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    if (offset < size) throw new BuildContextError(`"${entry.name}" changed while the build context was sent: it shrank from ${size} to ${offset} bytes.`);
    return buffer;
  } catch (err) {
    if (err instanceof BuildContextError) throw err;
    throw new BuildContextError(`Cannot read "${entry.name}" in the build context: ${(err as Error).message}`, { cause: err });
  } finally {
    await handle.close();
  }
}
