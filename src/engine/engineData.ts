import type { EngineClient } from './engineClient';
import type { ObjectKind } from './engineEvents';
import { engineErrorMessage } from './engineErrors';
import { listContainers, listImages, listNetworks, listVolumes, type ContainerInfo, type ImageInfo, type NetworkInfo, type VolumeInfo } from './listings';
import { Signal } from './signal';

export interface EngineLists {
  container: ContainerInfo[];
  image: ImageInfo[];
  volume: VolumeInfo[];
  network: NetworkInfo[];
}

type Loader<K extends ObjectKind> = (client: EngineClient) => Promise<EngineLists[K]>;

const LOADERS: { [K in ObjectKind]: Loader<K> } = {
  container: listContainers,
  image: listImages,
  volume: listVolumes,
  network: listNetworks,
};

interface Slot<K extends ObjectKind> {
  value?: EngineLists[K];
  error?: string;
  inFlight?: Promise<void>;
  again?: boolean;
}

/**
 * The lists the views show, loaded only once a view asks for them, so an idle Berth whose views are
 * closed makes no list requests. Overlapping reloads of one kind collapse into one more request.
 */
export class EngineData {
  readonly onChanged = new Signal<ObjectKind>();
  private readonly slots: { [K in ObjectKind]: Slot<K> } = { container: {}, image: {}, volume: {}, network: {} };
  private readonly wanted = new Set<ObjectKind>();

  constructor(
    private readonly docker: () => EngineClient | undefined,
    /** Told of every list as it loads (the session registers which engine its items came from). */
    private readonly onLoaded?: (list: readonly object[]) => void,
  ) {}

  /** The list as last loaded, loading it first if nobody asked for it before. */
  async get<K extends ObjectKind>(kind: K): Promise<EngineLists[K]> {
    this.wanted.add(kind);
    const slot = this.slots[kind] as Slot<K>;
    // A load already under way answers this caller too; only invalidate() asks for a fresh one.
    if (slot.value === undefined && slot.error === undefined) await (slot.inFlight ?? this.load(kind));
    if (slot.error !== undefined && slot.value === undefined) throw new Error(slot.error);
    return slot.value ?? [];
  }

  /** The last loaded list without triggering a request. */
  peek<K extends ObjectKind>(kind: K): EngineLists[K] | undefined {
    return (this.slots[kind] as Slot<K>).value;
  }

  /**
   * Reloads the kinds a view has asked for; forgets the others so they load fresh when first shown.
   * Resolves when the reloads are done (callers that only mark stale need not wait).
   */
  invalidate(kinds: Iterable<ObjectKind>): Promise<void> {
    const loads: Promise<void>[] = [];
    for (const kind of kinds) {
      if (this.wanted.has(kind) && this.docker()) {
        loads.push(this.load(kind));
      } else {
        this.slots[kind] = {};
      }
    }
    return Promise.all(loads).then(() => undefined);
  }

  /** Forgets everything (engine gone, or a new endpoint); views reload when asked. */
  reset(): void {
    for (const kind of Object.keys(this.slots) as ObjectKind[]) {
      this.slots[kind] = {};
      this.onChanged.emit(kind);
    }
  }

  private load<K extends ObjectKind>(kind: K): Promise<void> {
    const slot = this.slots[kind] as Slot<K>;
    if (slot.inFlight) {
      slot.again = true;
      return slot.inFlight;
    }
    const before = slot.value === undefined ? undefined : JSON.stringify(slot.value);
    const hadError = slot.error;
    const run = async (): Promise<void> => {
      const docker = this.docker();
      if (!docker) return;
      do {
        slot.again = false;
        try {
          slot.value = await (LOADERS[kind] as Loader<K>)(docker);
          slot.error = undefined;
          this.onLoaded?.(slot.value);
        } catch (err) {
          slot.error = engineErrorMessage(err);
        }
      } while (slot.again);
    };
    slot.inFlight = run().finally(() => {
      slot.inFlight = undefined;
      // An unchanged list redraws nothing: a redraw replaces the tree's nodes, and a context menu
      // opened on the old node then runs its command without one.
      const unchanged = before !== undefined && slot.error === hadError && JSON.stringify(slot.value) === before;
      if (this.slots[kind] === slot && !unchanged) this.onChanged.emit(kind);
    });
    return slot.inFlight;
  }
}
