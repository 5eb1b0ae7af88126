import { posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { execListingCommand, parseExecListing, shellLinksScript, shellListingScript } from './execListing';
import type { FileEntry } from './fileEntry';
import { NoExecError, NotRunningError, type FileEngine } from './fileEngine';
import { SessionLostError, shellCommand } from './shellSession';
import type { ShellSessions } from './shellSessions';
import { FileProblem, problemFromText } from './fileErrors';
import { extractToHost } from './hostDownload';
import { packHostPaths } from './hostUpload';
import { childrenFromArchive, firstEntry, firstHeader, singleEntryArchive } from './tarListing';

const MAX_LINK_HOPS = 8;
/** Symlinks in an archive listing whose target kind is looked up (two HEAD requests each); beyond, they show as plain links. */
const MAX_LINK_LOOKUPS = 200;

export interface ContainerFilesOptions {
  /** Prefix of every path (a volume helper's mount point); '' for a container's own filesystem. */
  root?: string;
  /** False for a volume helper, which is never started. */
  mayExec?: boolean;
  /** The engine's browsing shells: a listing goes to the container's shell when it has one. */
  sessions?: ShellSessions;
  /**
   * For a volume: a running container that mounts it writable, found when a delete or rename needs
   * `rm`/`mv` (the helper never runs); `root` is where it mounts the volume.
   */
  runner?: () => Promise<{ containerId: string; root: string } | undefined>;
}

/**
 * Files of one container through the engine. How a folder is listed (measured in bench/filesBench.ts,
 * figures in BENCHMARKS.md):
 * - Running (not paused) with a shell: the container's browsing shell (shellSessions.ts), one `sh`
 *   exec kept open while files are browsed. Its glob reads the folder and one `stat` prints every
 *   entry; symlinks' targets are a second command when there are any. On 10,000 entries this is
 *   under half of `docker exec ls -la`: an exec costs the runtime about 50 ms before anything is
 *   listed, which the shell pays once. It reads only the folder's own entries, so a folder over a
 *   gigabyte lists in a millisecond, where the archive API sends the whole gigabyte (seconds).
 * - Running without a shell but with `find` + `stat`: ONE exec, no TTY, of `find DIR -mindepth 1
 *   -maxdepth 1 -exec stat -c ... {} +` (execListing.ts), straight away: a stopped or paused
 *   container answers 409, which sends it to the archive; asking first would cost a request on
 *   every listing.
 * - Otherwise (stopped, paused, a volume helper that never runs, an image without find/stat): the
 *   archive API, the only way in. It sends the whole subtree (tar is depth first, so the direct
 *   children are known only at its end); bodies are skipped unbuffered as they stream by.
 * A container found to lack the tools is remembered and goes straight to the archive.
 */
export class ContainerFiles {
  private readonly root: string;
  private readonly mayExec: boolean;
  private readonly sessions: ShellSessions | undefined;
  private readonly runner: ContainerFilesOptions['runner'];

  constructor(
    private readonly engine: FileEngine,
    readonly containerId: string,
    options: ContainerFilesOptions = {},
    /** Shared per engine: containers where exec of find/stat failed. */
    private readonly noExec: Set<string> = new Set(),
  ) {
    this.root = options.root ?? '';
    this.mayExec = options.mayExec ?? true;
    this.sessions = options.sessions;
    this.runner = options.runner;
  }

  private full(path: string): string {
    return this.root ? (path === '/' ? this.root : this.root + path) : path;
  }

  private async canExec(): Promise<boolean> {
    if (!this.mayExec || this.noExec.has(this.containerId)) return false;
    return (await this.engine.containerState(this.containerId)).running;
  }

  /** lstat of one path; a symlink's target kind is looked up (undefined when dangling). */
  async stat(path: string): Promise<FileEntry> {
    const entry = await this.engine.statPath(this.containerId, this.full(path));
    if (path === '/') entry.name = '/';
    if (entry.kind === 'symlink') entry.targetKind = await this.targetKind(this.full(path));
    return entry;
  }

  async list(dir: string): Promise<FileEntry[]> {
    if (this.mayExec && !this.noExec.has(this.containerId)) {
      try {
        return await this.listByExec(dir);
      } catch (err) {
        if (err instanceof NoExecError) this.noExec.add(this.containerId);
        else if (!(err instanceof NotRunningError)) throw err;
      }
    }
    return this.listByArchive(dir);
  }

  private async listByExec(dir: string): Promise<FileEntry[]> {
    const marker = `\u0001${randomBytes(6).toString('hex')}`;
    const full = this.full(dir);
    const { stdout, stderr } = (await this.listInShell(full, marker)) ?? (await this.engine.exec(this.containerId, execListingCommand(full, marker), { exitCode: false }));
    const entries = [...parseExecListing(stdout, marker).values()];
    if (entries.length === 0) {
      // An empty answer is an empty folder, a file, or a missing or unreadable path: the stat says which.
      const self = await this.stat(dir);
      if (self.kind !== 'directory' && self.targetKind !== 'directory') throw new FileProblem('notADirectory', `Not a folder: ${dir}`);
      if (/permission denied/i.test(stderr)) throw new FileProblem('noPermissions', stderr.trim());
    }
    return entries;
  }

  /**
   * The listing through the container's browsing shell: the entries, then (a second command, as
   * the first tells which names are links) its symlinks' targets. Undefined when there is no shell
   * to use, so the caller runs an exec of its own.
   */
  private async listInShell(full: string, marker: string): Promise<{ stdout: string; stderr: string } | undefined> {
    if (!this.sessions) return undefined;
    try {
      const listed = await this.sessions.run(this.containerId, shellListingScript(full, marker));
      // The shell's "not found": the image has a shell but not stat.
      if (listed.exitCode === 127 && /not found/i.test(listed.stderr)) throw new NoExecError(listed.stderr.trim());
      if (listed.exitCode === 126 || /argument list too long/i.test(listed.stderr)) {
        return await this.sessions.run(this.containerId, shellCommand(execListingCommand(full, marker)));
      }
      // A symlink's mode is 0xa???: without one, no second command and no second parse.
      if (!listed.stdout.includes(`${marker}Fa`)) return listed;
      const links = [...parseExecListing(listed.stdout, marker).entries()].filter(([, e]) => e.kind === 'symlink').map(([name]) => name);
      const targets = await this.sessions.run(this.containerId, shellLinksScript(full, links, marker));
      return { stdout: `${listed.stdout}\n${targets.stdout}`, stderr: listed.stderr };
    } catch (err) {
      if (err instanceof SessionLostError) return undefined;
      throw err;
    }
  }

  private async listByArchive(dir: string): Promise<FileEntry[]> {
    let path = this.full(dir);
    const self = await this.engine.statPath(this.containerId, path);
    if (self.kind === 'symlink' && self.linkTarget) path = self.linkTarget;
    else if (self.kind !== 'directory') throw new FileProblem('notADirectory', `Not a folder: ${dir}`);
    const children = await childrenFromArchive(await this.engine.getArchive(this.containerId, path));
    const links = children.filter((c) => c.kind === 'symlink').slice(0, MAX_LINK_LOOKUPS);
    await Promise.all(links.map(async (c) => (c.targetKind = await this.targetKind(posix.join(path, c.name)))));
    return children;
  }

  /** What a symlink (full path) finally points at; undefined when dangling. */
  private async targetKind(fullPath: string): Promise<FileEntry['targetKind']> {
    let path = fullPath;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      let entry: FileEntry;
      try {
        entry = await this.engine.statPath(this.containerId, path);
      } catch {
        return undefined;
      }
      if (entry.kind !== 'symlink') return entry.kind;
      if (!entry.linkTarget) return undefined;
      path = entry.linkTarget;
    }
    return undefined;
  }

  /** The file's bytes; a symlink is followed. One archive request (per link hop), the content read as it arrives. */
  async read(path: string): Promise<Uint8Array> {
    let full = this.full(path);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const first = await firstEntry(await this.engine.getArchive(this.containerId, full));
      if (!first) throw new FileProblem('notFound', `No such file: ${path}`);
      if (first.content) return first.content;
      if (first.entry.kind === 'directory') throw new FileProblem('isADirectory', `${path} is a folder.`);
      if (first.entry.kind !== 'symlink') throw new FileProblem('noPermissions', `${path} is not a regular file.`);
      full = this.resolveLink(full, first.entry.linkTarget ?? '');
    }
    throw new FileProblem('notFound', `Too many symbolic links in ${path}.`);
  }

  private resolveLink(fullPath: string, target: string): string {
    if (target.startsWith('/')) return this.root + posix.normalize(target);
    return posix.join(posix.dirname(fullPath), target);
  }

  /**
   * Writes the file through the archive API. An existing file keeps its mode and owner (read from
   * its own tar header); a new one gets mode 0644 and its folder's owner. A symlink is written through.
   */
  async write(path: string, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    let full = this.full(path);
    let existing = await this.header(full);
    for (let hop = 0; existing?.kind === 'symlink' && hop < MAX_LINK_HOPS; hop++) {
      full = this.resolveLink(full, existing.linkTarget ?? '');
      existing = await this.header(full);
    }
    if (existing?.kind === 'directory') throw new FileProblem('isADirectory', `${path} is a folder.`);
    if (!existing && !options.create) throw new FileProblem('notFound', `No such file: ${path}`);
    if (existing && !options.overwrite) throw new FileProblem('exists', `${path} already exists.`);
    const parent = posix.dirname(full);
    const owner = existing ?? (await this.header(parent));
    if (!owner && !existing) throw new FileProblem('notFound', `No such folder: ${posix.dirname(path)}`);
    const archive = singleEntryArchive({ name: posix.basename(full), kind: 'file', mode: existing?.mode ?? 0o644, uid: owner?.uid, gid: owner?.gid }, content);
    await this.engine.putArchive(this.containerId, parent, Readable.from(archive));
  }

  async mkdir(path: string): Promise<void> {
    const full = this.full(path);
    if (await this.header(full)) throw new FileProblem('exists', `${path} already exists.`);
    const parent = await this.header(posix.dirname(full));
    if (!parent) throw new FileProblem('notFound', `No such folder: ${posix.dirname(path)}`);
    const archive = singleEntryArchive({ name: posix.basename(full), kind: 'directory', mode: 0o755, uid: parent.uid, gid: parent.gid });
    await this.engine.putArchive(this.containerId, posix.dirname(full), Readable.from(archive));
  }

  /**
   * The archive API can add files but not remove them, so deleting and renaming need `rm`/`mv` in a
   * running container: this one, or for a volume a running container that mounts it. Elsewhere they
   * are refused with that reason rather than half done.
   */
  async delete(path: string, recursive: boolean): Promise<void> {
    await this.stat(path);
    await this.run(recursive ? ['rm', '-rf', '--'] : ['rm', '-f', '--'], [path], 'Deleting');
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    await this.stat(from);
    if (!overwrite && (await this.header(this.full(to)))) throw new FileProblem('exists', `${to} already exists.`);
    await this.run(['mv', '-f', '--'], [from, to], 'Renaming');
  }

  /** Runs `command paths...` (paths below this root) where it can run. */
  private async run(command: string[], paths: string[], what: string): Promise<void> {
    const where = this.mayExec ? ((await this.canExec()) ? { containerId: this.containerId, root: this.root } : undefined) : await this.runner?.();
    const unsupported = this.mayExec
      ? `${what} needs a running container with ${command[0]}: the engine's archive API can add files but not remove them.`
      : `${what} in a volume needs a running container that mounts it writable, with ${command[0]}: the engine's archive API can add files but not remove them.`;
    if (!where) throw new FileProblem('noPermissions', unsupported);
    const cmd = [...command, ...paths.map((p) => (where.root ? (p === '/' ? where.root : where.root + p) : p))];
    let result;
    try {
      result = await this.engine.exec(where.containerId, cmd);
    } catch (err) {
      if (err instanceof NoExecError) throw new FileProblem('noPermissions', `${unsupported} (${err.message})`);
      throw err;
    }
    if (result.exitCode !== 0) {
      const reason = result.stderr.trim() || `${cmd[0]} exited with status ${result.exitCode ?? 'unknown'}`;
      throw new FileProblem(problemFromText(reason, 'noPermissions'), reason);
    }
  }

  /** Copies a file or folder (its whole subtree, one archive request) into a host folder. */
  async download(path: string, hostDir: string): Promise<{ files: number; skipped: string[] }> {
    return extractToHost(await this.engine.getArchive(this.containerId, this.full(path)), hostDir);
  }

  /** Copies host files and folders into a folder here; they land owned by root, as `docker cp` leaves them. */
  async upload(hostPaths: string[], dir: string): Promise<void> {
    const self = await this.stat(dir);
    if (self.kind !== 'directory' && self.targetKind !== 'directory') throw new FileProblem('notADirectory', `Not a folder: ${dir}`);
    await this.engine.putArchive(this.containerId, this.full(dir), packHostPaths(hostPaths));
  }

  /** The tar header of a path (mode, owner, link target), or undefined when it does not exist. */
  private async header(full: string): Promise<FileEntry | undefined> {
    try {
      return await firstHeader(await this.engine.getArchive(this.containerId, full));
    } catch (err) {
      if (err instanceof FileProblem && err.code === 'notFound') return undefined;
      throw err;
    }
  }
}
