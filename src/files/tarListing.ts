import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type { FileEntry, EntryKind } from './fileEntry';

type Header = tar.Headers;

function entryOf(name: string, h: Header): FileEntry {
  const kind: EntryKind = h.type === 'directory' ? 'directory' : h.type === 'symlink' ? 'symlink' : h.type === 'file' || h.type === 'link' ? 'file' : 'other';
  return {
    name,
    kind,
    // A link's tar entry has no body; its size as lstat reports it is the target's length.
    size: kind === 'symlink' ? Buffer.byteLength(h.linkname ?? '') : (h.size ?? 0),
    mode: (h.mode ?? 0) & 0o7777,
    mtimeMs: h.mtime?.getTime() ?? 0,
    uid: h.uid,
    gid: h.gid,
    linkTarget: kind === 'symlink' ? (h.linkname ?? undefined) : undefined,
  };
}

/**
 * The direct children of the folder an archive stream holds (GET /containers/{id}/archive of a
 * folder). The engine names the folder itself first ("dir/", or "/" for the root) and everything
 * below it after, depth first, so all of it must be read; file bodies are skipped as they stream by,
 * never buffered, so memory stays flat whatever the subtree weighs.
 */
export function childrenFromArchive(stream: Readable): Promise<FileEntry[]> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const children: FileEntry[] = [];
    let prefix: string | undefined;
    extract.on('entry', (header, body, next) => {
      const name = header.name;
      if (prefix === undefined) {
        prefix = name.endsWith('/') ? name : `${name}/`;
      } else if (name.startsWith(prefix)) {
        const rest = name.slice(prefix.length).replace(/\/$/, '');
        if (rest && !rest.includes('/')) children.push(entryOf(rest, header));
      }
      body.on('end', next);
      body.resume();
    });
    extract.on('finish', () => resolve(children));
    extract.on('error', reject);
    stream.on('error', reject);
    stream.pipe(extract);
  });
}

/**
 * The first entry's header of an archive, then stops: the mode and owner of the file about to be
 * overwritten cost one header, not the file's whole content.
 */
export function firstHeader(stream: Readable): Promise<FileEntry | undefined> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let done = false;
    extract.on('entry', (header, body) => {
      done = true;
      resolve(entryOf(posix.basename(header.name.replace(/\/$/, '')), header));
      body.resume();
      stream.unpipe(extract);
      stream.destroy();
      extract.destroy();
    });
    extract.on('finish', () => {
      if (!done) resolve(undefined);
    });
    extract.on('error', (err) => {
      if (!done) reject(err);
    });
    stream.on('error', (err) => {
      if (!done) reject(err);
    });
    stream.pipe(extract);
  });
}

/**
 * The first entry of an archive: its header, and its content when it is a file. For a folder the
 * stream is dropped after the header, so asking for a folder's "content" costs one header.
 */
export function firstEntry(stream: Readable): Promise<{ entry: FileEntry; content?: Buffer } | undefined> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let settled = false;
    const settle = (value: { entry: FileEntry; content?: Buffer } | undefined, stop: boolean): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      if (stop) {
        stream.unpipe(extract);
        stream.destroy();
        extract.destroy();
      }
    };
    extract.on('entry', (header, body) => {
      const entry = entryOf(posix.basename(header.name.replace(/\/$/, '')), header);
      if (entry.kind !== 'file') {
        body.resume();
        settle({ entry }, true);
        return;
      }
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => settle({ entry, content: Buffer.concat(chunks, header.size) }, true));
    });
    extract.on('finish', () => settle(undefined, false));
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    extract.on('error', fail);
    stream.on('error', fail);
    stream.pipe(extract);
  });
}

/** The content of the archive's first entry (a single file's archive), as one Buffer. */
export function firstFileContent(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let content: Buffer | undefined;
    extract.on('entry', (header, body, next) => {
      if (content !== undefined) {
        body.on('end', next);
        body.resume();
        return;
      }
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => {
        content = Buffer.concat(chunks, header.size);
        next();
      });
    });
    extract.on('finish', () => resolve(content ?? Buffer.alloc(0)));
    extract.on('error', reject);
    stream.on('error', reject);
    stream.pipe(extract);
  });
}

/** A one-entry archive for PUT /containers/{id}/archive: a file with the given content, or a folder. */
export function singleEntryArchive(entry: { name: string; kind: 'file' | 'directory'; mode: number; uid?: number; gid?: number }, content?: Uint8Array): tar.Pack {
  const pack = tar.pack();
  const data = Buffer.from(content ?? new Uint8Array(0));
  pack.entry(
    {
      name: entry.name,
      type: entry.kind,
      mode: entry.mode,
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      mtime: new Date(),
      size: entry.kind === 'file' ? data.length : 0,
    },
    entry.kind === 'file' ? data : Buffer.alloc(0),
  );
  pack.finalize();
  return pack;
}
