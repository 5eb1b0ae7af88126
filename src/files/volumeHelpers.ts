import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type { FileEngine } from './fileEngine';

/** Marks Berth's volume helper containers (and their image), so a sweep finds leftovers and views can hide them. */
export const HELPER_LABEL = 'berth.files.helper';
export const HELPER_IMAGE = 'berth-files-helper:empty';
/** Where the helper mounts the volume; paths in the volume are below it. */
export const HELPER_MOUNT = '/berth-volume';

/** Berth's own short-lived helper: the views leave it out, it is an implementation detail of browsing a volume. */
export function isVolumeHelper(labels: Record<string, string> | undefined): boolean {
  return labels?.[HELPER_LABEL] !== undefined;
}

interface Helper {
  id: Promise<string>;
  users: number;
  timer?: NodeJS.Timeout;
}

/**
 * Containers that give the archive API a way into a volume: created from an empty image, never
 * started, the volume mounted, removed as soon as no operation uses them (after `lingerMs`, so
 * expanding folder after folder does not create one each time). One per volume at a time.
 */
export class VolumeHelpers {
  private readonly helpers = new Map<string, Helper>();
  private imageReady: Promise<void> | undefined;

  constructor(
    private readonly engine: FileEngine,
    private readonly options: { lingerMs?: number; labels?: Record<string, string> } = {},
  ) {}

  /** Runs `fn` with a helper container for the volume; the helper is removed afterwards, also when `fn` fails. */
  async use<T>(volume: string, fn: (containerId: string) => Promise<T>): Promise<T> {
    const helper = this.acquire(volume);
    try {
      return await fn(await helper.id);
    } finally {
      await this.release(volume, helper);
    }
  }

  /** Removes helpers a crashed or killed window left behind; those younger than `olderThanMs` may be another window's. */
  async sweep(olderThanMs = 60_000): Promise<number> {
    const labels = Object.entries(this.options.labels ?? {}).map(([k, v]) => `${k}=${v}`);
    const ids = await this.engine.containersWithLabels([HELPER_LABEL, ...labels], olderThanMs);
    const live = new Set(await Promise.all([...this.helpers.values()].map((h) => h.id.catch(() => ''))));
    const stale = ids.filter((id) => !live.has(id));
    await Promise.all(stale.map((id) => this.engine.removeContainer(id).catch(() => undefined)));
    return stale.length;
  }

  /** Removes every helper now (extension shutdown). */
  async dispose(): Promise<void> {
    const all = [...this.helpers.values()];
    this.helpers.clear();
    await Promise.all(
      all.map(async (h) => {
        clearTimeout(h.timer);
        await this.engine.removeContainer(await h.id).catch(() => undefined);
      }),
    );
  }

  private acquire(volume: string): Helper {
    let helper = this.helpers.get(volume);
    if (!helper) {
      helper = { id: this.create(volume), users: 0 };
      this.helpers.set(volume, helper);
      // A failed create must not stay cached: the next operation tries again.
      const failed = helper;
      failed.id.catch(() => {
        if (this.helpers.get(volume) === failed) this.helpers.delete(volume);
      });
    }
    clearTimeout(helper.timer);
    helper.timer = undefined;
    helper.users++;
    return helper;
  }

  private async release(volume: string, helper: Helper): Promise<void> {
    helper.users--;
    if (helper.users > 0) return;
    const remove = async (): Promise<void> => {
      if (helper.users > 0 || this.helpers.get(volume) !== helper) return;
      this.helpers.delete(volume);
      const id = await helper.id.catch(() => undefined);
      if (id) await this.engine.removeContainer(id).catch(() => undefined);
    };
    const linger = this.options.lingerMs ?? 0;
    if (linger <= 0) {
      await remove();
      return;
    }
    helper.timer = setTimeout(() => void remove(), linger);
    helper.timer.unref?.();
  }

  private async create(volume: string): Promise<string> {
    const labels = { ...(this.options.labels ?? {}), [HELPER_LABEL]: '1' };
    this.imageReady ??= this.engine.importEmptyImage(HELPER_IMAGE, { [HELPER_LABEL]: '1' }, emptyTar());
    try {
      await this.imageReady;
    } catch (err) {
      this.imageReady = undefined;
      throw err;
    }
    return this.engine.createHelper(HELPER_IMAGE, volume, HELPER_MOUNT, labels);
  }
}

function emptyTar(): Readable {
  const pack = tar.pack();
  pack.finalize();
  return Readable.from(pack);
}
