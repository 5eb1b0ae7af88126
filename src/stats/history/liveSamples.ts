import type { ContainerSample } from '../statsMath';

/** How far back the live view reaches; kept in memory so it works with recording off, too. */
export const LIVE_WINDOW_MS = 5 * 60_000;

/** The last few minutes of samples per container, oldest first. */
export class LiveSamples {
  private readonly byContainer = new Map<string, ContainerSample[]>();

  constructor(private readonly windowMs: number = LIVE_WINDOW_MS) {}

  add(sample: ContainerSample, nowMs: number): void {
    let list = this.byContainer.get(sample.containerId);
    if (!list) {
      list = [];
      this.byContainer.set(sample.containerId, list);
    }
    list.push(sample);
    // A sample arriving late (slow engine) still keeps the list in time order.
    if (list.length > 1 && list[list.length - 2].timestamp > sample.timestamp) list.sort((a, b) => a.timestamp - b.timestamp);
    this.prune(nowMs);
  }

  /** Samples of one container with time ≥ sinceMs, oldest first. */
  since(containerId: string, sinceMs: number): ContainerSample[] {
    return (this.byContainer.get(containerId) ?? []).filter((s) => s.timestamp >= sinceMs);
  }

  latest(containerId: string): ContainerSample | undefined {
    const list = this.byContainer.get(containerId);
    return list?.[list.length - 1];
  }

  forget(containerId: string): void {
    this.byContainer.delete(containerId);
  }

  clear(): void {
    this.byContainer.clear();
  }

  private prune(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    for (const [id, list] of this.byContainer) {
      let drop = 0;
      while (drop < list.length && list[drop].timestamp < cutoff) drop++;
      if (drop === list.length) this.byContainer.delete(id);
      else if (drop > 0) list.splice(0, drop);
    }
  }
}
