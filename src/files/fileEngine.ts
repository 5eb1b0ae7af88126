import type { Duplex, Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { EngineClient } from '../engine/engineClient';
import { engineErrorMessage, engineStatusCode } from '../engine/engineErrors';
import { exitCodeOfExec } from '../containers/execShell';
import { fromGoFileMode, type FileEntry } from './fileEntry';
import { FileProblem, problemFromText } from './fileErrors';

/**
 * Every engine request the files feature makes, in one place, so the engine client underneath can
 * change without touching the rest: archive stat/get/put, exec, and the volume helper's containers
 * and image.
 */
export class FileEngine {
  constructor(readonly client: EngineClient) {}

  async containerState(id: string): Promise<{ running: boolean; paused: boolean; readOnlyRoot: boolean }> {
    try {
      const info = await this.client.inspectContainer(id);
      return { running: info.State.Running && !info.State.Paused, paused: info.State.Paused, readOnlyRoot: info.HostConfig.ReadonlyRootfs === true };
    } catch (err) {
      throw engineProblem(err, `container ${id.slice(0, 12)}`);
    }
  }

  /** HEAD /containers/{id}/archive: lstat of one path, symlinks not followed (the engine resolves linkTarget to an absolute path). */
  async statPath(id: string, path: string): Promise<FileEntry> {
    let stat: Awaited<ReturnType<EngineClient['statPath']>>;
    try {
      stat = await this.client.statPath(id, path);
    } catch (err) {
      throw engineProblem(err, path);
    }
    const { kind, mode } = fromGoFileMode(stat.mode);
    return { name: stat.name, kind, mode, size: stat.size, mtimeMs: Date.parse(stat.mtime) || 0, linkTarget: stat.linkTarget || undefined };
  }

  /** GET /containers/{id}/archive: the path (and for a folder its whole subtree) as a tar stream. */
  async getArchive(id: string, path: string): Promise<Readable> {
    try {
      return await this.client.getArchive(id, path);
    } catch (err) {
      throw engineProblem(err, path);
    }
  }

  /** PUT /containers/{id}/archive: extracts the tar into `dir`, owners and modes as the tar says. */
  async putArchive(id: string, dir: string, archive: Readable): Promise<void> {
    try {
      await this.client.putArchive(id, dir, archive);
    } catch (err) {
      throw engineProblem(err, dir);
    }
  }

  /**
   * Runs a command without TTY and collects its output. Rejects with NoExecError when the container
   * cannot run it at all (no such binary), so callers can fall back to the archive API.
   */
  async exec(id: string, cmd: string[], options: { exitCode?: boolean } = {}): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
    let execId: string;
    let stream: Duplex;
    try {
      execId = await this.client.createExec(id, { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
      stream = await this.client.startExec(execId);
    } catch (err) {
      const reason = engineErrorMessage(err);
      if (/executable file not found|no such file or directory/i.test(reason)) throw new NoExecError(reason);
      // 409: stopped or paused. Asking first would cost a request on every listing of a running one.
      if (engineStatusCode(err) === 409) throw new NotRunningError(reason);
      throw engineProblem(err, cmd[0]);
    }
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (c: Buffer) => out.push(c));
    stderr.on('data', (c: Buffer) => errOut.push(c));
    this.client.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    }).finally(() => stream.destroy());
    const stdoutText = Buffer.concat(out).toString('utf8');
    const stderrText = Buffer.concat(errOut).toString('utf8');
    // The exit code costs one more request (or a few, if the engine records it late); a listing judges by its output.
    const exitCode = options.exitCode === false ? undefined : await exitCodeOfExec(this.client, execId);
    // The runtime reports a missing binary as the exec's output (on stdout) with status 126/127, not as a failed start.
    if ((exitCode === undefined || exitCode === 126 || exitCode === 127) && /^OCI runtime exec failed|executable file not found in \$PATH/i.test(stdoutText + stderrText)) {
      throw new NoExecError((stdoutText + stderrText).trim());
    }
    return { stdout: stdoutText, stderr: stderrText, exitCode };
  }

  /** Imports an empty image (an empty tar: nothing pulled) for the volume helpers, once. */
  async importEmptyImage(repoTag: string, labels: Record<string, string>, emptyTar: Readable): Promise<void> {
    const [repo, tag] = repoTag.split(':');
    try {
      await this.client.inspectImage(repoTag);
      return;
    } catch (err) {
      if (engineStatusCode(err) !== 404) throw engineProblem(err, repoTag);
    }
    try {
      const changes = Object.entries(labels).map(([k, v]) => `LABEL ${k}=${v}`);
      const progress = await this.client.importImage(emptyTar, { repo, tag, changes });
      let text = '';
      for await (const chunk of progress as AsyncIterable<Buffer>) text += chunk.toString();
      const error = /"error":"([^"]*)"/.exec(text);
      if (error) throw new Error(error[1]);
    } catch (err) {
      throw engineProblem(err, repoTag);
    }
  }

  /** Creates (never starts) a container with the volume mounted at `mountPath`. */
  async createHelper(image: string, volume: string, mountPath: string, labels: Record<string, string>): Promise<string> {
    try {
      return await this.client.createContainer({
        Image: image,
        // Never run: the image has no files at all. Create needs a command nonetheless.
        Cmd: ['/berth-never-started'],
        Labels: labels,
        NetworkDisabled: true,
        HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: mountPath }] },
      });
    } catch (err) {
      throw engineProblem(err, `volume ${volume}`);
    }
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.client.removeContainer(id, { force: true, removeVolumes: false });
    } catch (err) {
      if (engineStatusCode(err) !== 404) throw engineProblem(err, id);
    }
  }

  /** Running (not paused) containers that mount the volume writable, with where they mount it. */
  async writableVolumeUsers(volume: string): Promise<{ containerId: string; labels: Record<string, string>; root: string }[]> {
    const list = await this.client.listContainers({ filters: { volume: [volume], status: ['running'] } });
    return list.flatMap((c) => {
      const mount = (c.Mounts ?? []).find((m) => m.Type === 'volume' && m.Name === volume && m.RW);
      return mount ? [{ containerId: c.Id, labels: c.Labels ?? {}, root: mount.Destination }] : [];
    });
  }

  /** IDs of the containers carrying all `labels` ("key" or "key=value") that were created more than `olderThanMs` ago. */
  async containersWithLabels(labels: string[], olderThanMs = 0): Promise<string[]> {
    const list = await this.client.listContainers({ all: true, filters: { label: labels } });
    const cutoff = (Date.now() - olderThanMs) / 1000;
    return list.filter((c) => c.Created <= cutoff).map((c) => c.Id);
  }
}

/** The container is not running (stopped, or paused): exec is not possible, the archive API is. */
export class NotRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRunningError';
  }
}

/** The container cannot run the command (distroless, scratch): the archive API is the way. */
export class NoExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoExecError';
  }
}

/**
 * A failed engine request as a FileProblem with the engine's words. The archive API answers 404 for
 * a missing path with dockerode's "no such container" prefix, so the body text decides.
 */
export function engineProblem(err: unknown, what: string): FileProblem {
  if (err instanceof FileProblem) return err;
  const reason = engineErrorMessage(err);
  const status = engineStatusCode(err);
  if (status === 404) {
    // The engine's own body names a missing container ("No such container: x"); dockerode's generic
    // 404 text is all a HEAD request gets, and there it means the path.
    if (/^no such container:/i.test(reason)) return new FileProblem('unavailable', reason);
    return new FileProblem('notFound', reason && !/^no such container$/i.test(reason) ? reason : `No such file or directory: ${what}`);
  }
  if (status === 403) return new FileProblem('noPermissions', reason);
  if (status === 409 && /paused/i.test(reason)) return new FileProblem('unavailable', reason);
  if (status === undefined) return new FileProblem('unavailable', `${reason} (${what})`);
  return new FileProblem(problemFromText(reason), reason);
}
