import { eventKind, type EngineEvent, type ObjectKind } from './engineEvents';

/** Which lists an event makes stale; a container coming or going changes image, volume and network usage too. */
export function kindsAffectedBy(event: EngineEvent): ObjectKind[] {
  const kind = eventKind(event);
  if (kind === undefined) return [];
  // exec_* and health probes fire constantly on busy engines and change nothing a list shows, except health.
  if (kind === 'container' && event.Action.startsWith('exec_')) return [];
  if (kind === 'container' && (event.Action === 'create' || event.Action === 'destroy')) {
    return ['container', 'image', 'volume', 'network'];
  }
  // Which containers a network has is read from the containers list, so it is stale too.
  if (kind === 'network' && (event.Action === 'connect' || event.Action === 'disconnect')) return ['network', 'container'];
  return [kind];
}

/**
 * Collects stale kinds for `delayMs` after the first event, then flushes them together, so a burst
 * (compose up, prune) becomes one reload per view rather than one per event.
 */
export class RefreshScheduler {
  private pending = new Set<ObjectKind>();
  private events: EngineEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (kinds: Set<ObjectKind>, events: EngineEvent[]) => void,
    private readonly delayMs = 50,
  ) {}

  onEvent(event: EngineEvent): void {
    const kinds = kindsAffectedBy(event);
    if (kinds.length === 0) return;
    for (const kind of kinds) this.pending.add(kind);
    this.events.push(event);
    this.timer ??= setTimeout(() => this.fire(), this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.events = [];
  }

  private fire(): void {
    this.timer = undefined;
    const kinds = this.pending;
    const events = this.events;
    this.pending = new Set();
    this.events = [];
    this.flush(kinds, events);
  }
}
