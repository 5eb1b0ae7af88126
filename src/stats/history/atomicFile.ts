import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface AtomicWriteHooks {
  /** Called once the temp file is complete and flushed, just before it is renamed over the target. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

const TEMP_MARKER = '.tmp-';

/** The temp file name for a target: hidden, in the same folder, unique per write. */
export function tempPathFor(targetPath: string): string {
  const dir = path.dirname(targetPath);
  const unique = `${process.pid}-${randomBytes(6).toString('hex')}`;
  return path.join(dir, `.${path.basename(targetPath)}${TEMP_MARKER}${unique}`);
}

/** True for names tempPathFor() produces for this target. */
export function isTempFileOf(targetPath: string, fileName: string): boolean {
  return fileName.startsWith(`.${path.basename(targetPath)}${TEMP_MARKER}`);
}

/**
 * Replaces `targetPath` with `data` so that a reader (or a crash) sees either the old file or the
 * new one, never a mix: the data goes to a temp file in the same folder (same file system, so the
 * rename is atomic), is flushed to disk, and is then renamed over the target.
 */
export async function writeFileAtomic(targetPath: string, data: Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  await fs.mkdir(path.dirname(targetPath), { recursive: true });
  const tempPath = tempPathFor(targetPath);
  try {
    const handle = await fs.open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(tempPath);
    await renameWithRetry(tempPath, targetPath);
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(targetPath));
}

// On Windows a rename over a file another process (a virus scanner, a backup tool) briefly holds
// open fails with EPERM/EACCES/EBUSY; it usually succeeds moments later.
async function renameWithRetry(from: string, to: string): Promise<void> {
  const delaysMs = [20, 50, 100, 200, 400];
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (!transient || process.platform !== 'win32' || attempt >= delaysMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}

// Makes the rename itself durable on POSIX; directories cannot be opened for sync on Windows.
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: some file systems refuse fsync on directories.
  }
}

/** Removes temp files a crashed write left behind, if older than `olderThanMs`. */
export async function removeStaleTempFiles(targetPath: string, olderThanMs: number, nowMs: number = Date.now()): Promise<string[]> {
  const dir = path.dirname(targetPath);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isTempFileOf(targetPath, name)) continue;
    const full = path.join(dir, name);
    try {
      const stat = await fs.stat(full);
      if (nowMs - stat.mtimeMs < olderThanMs) continue;
      await fs.rm(full, { force: true });
      removed.push(full);
    } catch {
      // Vanished or locked: leave it for next time.
    }
  }
  return removed;
}
