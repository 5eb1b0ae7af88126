import { createWriteStream } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';

/**
 * Extracts an archive from the engine into a host folder: the downloaded file or folder appears as
 * `<dest>/<its name>`. Entry names are checked to stay below `dest`; symlinks are made last, so no
 * entry can be written through one; ownership is not copied (the host user owns the copies) and
 * setuid/setgid/sticky bits are dropped.
 */
export async function extractToHost(stream: Readable, dest: string): Promise<{ files: number; skipped: string[] }> {
  const root = resolve(dest);
  const links: [string, string][] = [];
  const skipped: string[] = [];
  let files = 0;
  const inside = (name: string): string | undefined => {
    const target = resolve(root, name.replace(/^\/+/, ''));
    const rel = relative(root, target);
    return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? target : undefined;
  };
  await new Promise<void>((resolvePromise, reject) => {
    const extract = tar.extract();
    extract.on('entry', (header, body, next) => {
      const target = inside(header.name);
      const mode = (header.mode ?? 0o644) & 0o777;
      const skip = (): void => {
        body.on('end', next);
        body.resume();
      };
      const fail = (err: unknown): void => {
        extract.destroy(err instanceof Error ? err : new Error(String(err)));
      };
      if (!target) {
        // The archive of "/" names the root itself; anything else outside `dest` is refused.
        if (header.name.replace(/^\.?\/+|\/+$/g, '') !== '') skipped.push(header.name);
        skip();
      } else if (header.type === 'directory') {
        mkdir(target, { recursive: true, mode: mode | 0o700 }).then(skip, fail);
      } else if (header.type === 'file') {
        // Streamed to disk, so a large file never sits in memory.
        mkdir(dirname(target), { recursive: true }).then(() => {
          const out = createWriteStream(target, { mode: mode | 0o600 });
          out.on('finish', () => {
            files++;
            next();
          });
          out.on('error', fail);
          body.pipe(out);
        }, fail);
      } else {
        if (header.type === 'symlink' && header.linkname) links.push([target, header.linkname]);
        else skipped.push(header.name);
        skip();
      }
    });
    extract.on('finish', () => resolvePromise());
    extract.on('error', reject);
    stream.on('error', reject);
    stream.pipe(extract);
  });
  for (const [path, target] of links) {
    await mkdir(dirname(path), { recursive: true });
    await symlink(target, path).catch(() => skipped.push(relative(root, path)));
  }
  return { files, skipped };
}
