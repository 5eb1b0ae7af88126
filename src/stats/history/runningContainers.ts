import type Docker from 'dockerode';
import { subscribeToEvents, type EngineEvent, type EventSubscription } from '../../engine/engineEvents';
import { Signal } from '../../engine/signal';

/** Someone else's event stream to follow (the session's); returns the unsubscribe function. */
export type EngineEventFeed = (listener: (event: EngineEvent) => void) => () => void;

// Actions after which a container is (again) running, or no longer is.
const RUNNING_ACTIONS = new Set(['start', 'unpause']);
const STOPPED_ACTIONS = new Set(['die', 'pause', 'destroy']);

/**
 * The running containers of one engine: listed once, then kept up to date from the event stream
 * (subscribed first, so no start falls between the list and the first event).
 */
export class RunningContainers {
  readonly onChanged = new Signal<void>();
  /** Our own event stream ended with an error: the caller follows the engine again. */
  readonly onStreamLost = new Signal<Error>();
  private readonly ids = new Set<string>();
  private subscription: EventSubscription | undefined;
  private unsubscribeFeed: (() => void) | undefined;
  private generation = 0;

  get list(): string[] {
    return [...this.ids];
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Starts following: with a feed, someone else's stream (who re-attaches after a reconnection);
   * without, our own. Rejects when the engine does not answer; resolves false when stop() came first.
   */
  async follow(docker: Docker, feed?: EngineEventFeed): Promise<boolean> {
    this.stop();
    const generation = ++this.generation;
    if (feed) {
      this.unsubscribeFeed = feed((event) => this.onEvent(event));
    } else {
      const subscription = await subscribeToEvents(docker, (event) => this.onEvent(event));
      if (generation !== this.generation) {
        subscription.close();
        return false;
      }
      this.subscription = subscription;
      void subscription.ended.then((error) => {
        if (generation === this.generation && subscription === this.subscription && error !== undefined) this.onStreamLost.emit(error);
      });
    }
    const list = await docker.listContainers({ filters: JSON.stringify({ status: ['running'] }) });
    if (generation !== this.generation) return false;
    this.ids.clear();
    for (const container of list) this.ids.add(container.Id);
    this.onChanged.emit();
    return true;
  }

  /** Stops following; the set empties (the engine is gone, or another is followed next). */
  stop(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.unsubscribeFeed?.();
    this.unsubscribeFeed = undefined;
    if (this.ids.size > 0) {
      this.ids.clear();
      this.onChanged.emit();
    }
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
