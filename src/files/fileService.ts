import type { EngineClient } from '../engine/engineClient';
import { ContainerFiles } from './containerFiles';
import { FileEngine } from './fileEngine';
import { FileProblem } from './fileErrors';
import type { FileLocation } from './filePaths';
import { ShellSessions } from './shellSessions';
import { HELPER_MOUNT, isVolumeHelper, VolumeHelpers } from './volumeHelpers';

/**
 * The engines files can come from. Today the extension has one session ('default'); with several
 * engines the key in each URI's authority names which one.
 */
export interface FileEngines {
  /** The engine's client, once it is connected; rejects with a reason the user can read otherwise. */
  client(engineKey: string): Promise<EngineClient>;
}

interface PerEngine {
  engine: FileEngine;
  helpers: VolumeHelpers;
  sessions: ShellSessions;
  noExec: Set<string>;
}

/** Resolves a location to the container (or a volume's helper container) holding it, and runs the operation there. */
export class FileService {
  private readonly perClient = new WeakMap<EngineClient, PerEngine>();
  private readonly all = new Set<PerEngine>();

  constructor(
    private readonly engines: FileEngines,
    private readonly options: { helperLingerMs?: number; helperLabels?: Record<string, string> } = {},
  ) {}

  async with<T>(location: FileLocation, fn: (files: ContainerFiles) => Promise<T>): Promise<T> {
    let docker: EngineClient;
    try {
      docker = await this.engines.client(location.engineKey);
    } catch (err) {
      throw new FileProblem('unavailable', err instanceof Error ? err.message : String(err));
    }
    const per = this.forClient(docker);
    const target = location.target;
    if (target.kind === 'container') return fn(new ContainerFiles(per.engine, target.id, { sessions: per.sessions }, per.noExec));
    // Deleting and renaming need rm/mv, which the never-started helper cannot run: a running user of the volume can.
    const runner = async (): Promise<{ containerId: string; root: string } | undefined> =>
      (await per.engine.writableVolumeUsers(target.name)).find((u) => !isVolumeHelper(u.labels) && !per.noExec.has(u.containerId));
    return per.helpers.use(target.name, (id) => fn(new ContainerFiles(per.engine, id, { root: HELPER_MOUNT, mayExec: false, runner })));
  }

  /** Removes leftover helpers on this engine (from a window that was killed). */
  async sweep(engineKey: string, olderThanMs?: number): Promise<number> {
    return this.forClient(await this.engines.client(engineKey)).helpers.sweep(olderThanMs);
  }

  async dispose(): Promise<void> {
    for (const per of this.all) per.sessions.dispose();
    await Promise.all([...this.all].map((per) => per.helpers.dispose()));
  }

  private forClient(docker: EngineClient): PerEngine {
    let per = this.perClient.get(docker);
    if (!per) {
      const engine = new FileEngine(docker);
      const helpers = new VolumeHelpers(engine, { lingerMs: this.options.helperLingerMs, labels: this.options.helperLabels });
      per = { engine, helpers, sessions: new ShellSessions(docker), noExec: new Set() };
      this.all.add(per);
      this.perClient.set(docker, per);
    }
    return per;
  }
}
