import type { EngineClient } from '../../engine/engineClient';
import type { EngineEvent, EngineEventHub } from '../../engine/engineEvents';
import { Signal } from '../../engine/signal';

// Actions after which a container is (again) running, or no longer is.
const RUNNING_ACTIONS = new Set(['start', 'unpause']);
const STOPPED_ACTIONS = new Set(['die', 'pause', 'destroy']);

/**
 * The running containers of one engine: listed once, then kept up to date from the engine's event
 * hub (subscribed first, so no start falls between the list and the first event). After a resync of
 * the hub, events may have been missed, so the list is read again.
 */
export class RunningContainers {
  readonly onChanged = new Signal<void>();
  /** Reading the list again after a resync failed; the set stays as it was until the next one. */
  readonly onListFailed = new Signal<Error>();
  private readonly ids = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private generation = 0;

  get list(): string[] {
    return [...this.ids];
  }

  get size(): number {
    return this.ids.size;
  }

  /** Starts following. Rejects when the engine does not answer; resolves false when stop() came first. */
  async follow(client: EngineClient, hub: EngineEventHub): Promise<boolean> {
    this.stop();
    const generation = ++this.generation;
    const offEvent = hub.onEvent.on((event) => this.onEvent(event));
    const offResync = hub.onResynced.on(() => {
      this.reload(client, generation).catch((error: unknown) => {
        if (generation === this.generation) this.onListFailed.emit(error instanceof Error ? error : new Error(String(error)));
      });
    });
    this.unsubscribe = () => {
      offEvent();
      offResync();
    };
    return this.reload(client, generation);
  }

  /** Stops following; the set empties (the engine is gone, or another is followed next). */
  stop(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.ids.size > 0) {
      this.ids.clear();
      this.onChanged.emit();
    }
  }

  private async reload(client: EngineClient, generation: number): Promise<boolean> {
    const list = await client.listContainers({ filters: { status: ['running'] } });
    if (generation !== this.generation) return false;
    this.ids.clear();
    for (const container of list) this.ids.add(container.Id);
    this.onChanged.emit();
    return true;
  }

  private onEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const id = event.Actor?.ID ?? event.id;
    if (!id) return;
    if (RUNNING_ACTIONS.has(event.Action) && !this.ids.has(id)) this.ids.add(id);
    else if (STOPPED_ACTIONS.has(event.Action) && this.ids.has(id)) this.ids.delete(id);
    else return;
    this.onChanged.emit();
  }
}
