import type { ContainerSample } from '../statsMath';
import type { MetricsHistory } from './metricsHistory';

/**
 * The recording window's samples on their way to the history: queued as they arrive, written once
 * per interval. At most one sample per container per interval is kept: one less than half an
 * interval after the last one stored (the interval in which the recorder changed hands, since the
 * new one resumes from the file) is left out. Spacing rather than a wall-clock grid, because the
 * engine's answers jitter by tens of milliseconds around any grid line.
 */
export class RecordingBatch {
  private pending: ContainerSample[] = [];
  private readonly lastStored = new Map<string, number>();

  constructor(
    private readonly history: MetricsHistory,
    private readonly log: (message: string) => void,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  /** Queues the sample unless its container already has one in this interval. */
  offer(sample: ContainerSample, intervalMs: number): void {
    if (sample.timestamp - (this.lastStored.get(sample.containerId) ?? -Infinity) < intervalMs / 2) return;
    this.lastStored.set(sample.containerId, sample.timestamp);
    this.pending.push(sample);
  }

  async flush(engineId: string): Promise<number> {
    const batch = this.drop();
    if (batch.length === 0) return 0;
    try {
      return await this.history.insert(engineId, batch);
    } catch (error) {
      this.log(`Stats: could not store ${batch.length} samples: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  /** Empties the queue (recording stopped, or another window records now); returns what was queued. */
  drop(): ContainerSample[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  /** After a clear, or for another engine: nothing is stored yet. */
  forget(): void {
    this.pending = [];
    this.lastStored.clear();
  }

  /** Picks up where the files end: the newest raw sample of each container of this engine. */
  async resumeFrom(engineId: string): Promise<void> {
    try {
      for (const stored of await this.history.latest(engineId)) {
        if (stored.resolution !== 'raw') continue;
        if (stored.timestamp > (this.lastStored.get(stored.containerId) ?? -Infinity)) this.lastStored.set(stored.containerId, stored.timestamp);
      }
    } catch (error) {
      this.log(`Stats: could not read the newest stored samples: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
