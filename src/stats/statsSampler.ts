import type Docker from 'dockerode';
import { sampleFromStats, type ContainerSample, type RawContainerStats } from './statsMath';

// Why not `one-shot=true` (API ≥ 1.41): it skips the engine's second collection cycle, so
// `precpu_stats` comes back empty and CPU % cannot be derived from the response. Measured on
// engine 20.10 it also only saves about one second (≈1 s instead of 1–2 s), because the engine
// still waits for its next one-second collection tick. Plain `stream=false` it is, and the wait
// is absorbed by concurrency: the engine's single collector serves all pending requests on the
// same tick, so parallel requests cost little on the engine side.

export const DEFAULT_STATS_INTERVAL_MS = 5000;
export const DEFAULT_MAX_CONCURRENCY = 64;

/**
 * How many stats calls to keep in flight: one per container, up to the cap. The engine's collector
 * answers every pending call on the same tick, so splitting containers into waves only pushes the
 * later waves past the interval on a loaded machine (seen: 478 of 600 samples with waves of 25).
 */
export function samplerConcurrency(containerCount: number, maxConcurrency: number = DEFAULT_MAX_CONCURRENCY): number {
  return Math.max(1, Math.min(Math.floor(maxConcurrency), containerCount));
}

export interface StatsSamplerOptions {
  onSample: (sample: ContainerSample) => void;
  /** A failed call for one container (gone, engine error, timeout); sampling goes on. */
  onError?: (containerId: string, error: unknown) => void;
  intervalMs?: number;
  maxConcurrency?: number;
  /** A call still pending after this long is abandoned; defaults to twice the interval, at least 10 s. */
  requestTimeoutMs?: number;
  clock?: () => number;
}

/**
 * Samples a changing set of running containers once per interval with bounded concurrency.
 * A container whose previous call is still pending is not requested again until it finishes.
 */
export class StatsSampler {
  private readonly tracked = new Set<string>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly inFlight = new Map<string, AbortController>();
  private readonly roundWaiters = new Map<string, Array<() => void>>();
  private readonly intervalMs: number;
  private readonly maxConcurrency: number;
  private readonly requestTimeoutMs: number;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly options: StatsSamplerOptions,
  ) {
    this.intervalMs = Math.max(250, options.intervalMs ?? DEFAULT_STATS_INTERVAL_MS);
    this.maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    this.requestTimeoutMs = options.requestTimeoutMs ?? Math.max(10_000, this.intervalMs * 2);
    this.clock = options.clock ?? Date.now;
  }

  get containerIds(): string[] {
    return [...this.tracked];
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  add(containerId: string): void {
    if (this.tracked.has(containerId)) return;
    this.tracked.add(containerId);
    // A container added while running gets its first sample now rather than up to an interval later.
    if (this.running) this.enqueue([containerId]);
  }

  remove(containerId: string): void {
    this.tracked.delete(containerId);
    this.queued.delete(containerId);
    const index = this.queue.indexOf(containerId);
    if (index >= 0) this.queue.splice(index, 1);
    this.inFlight.get(containerId)?.abort();
    this.settle(containerId);
  }

  /** Replaces the tracked set, e.g. with the running containers after an engine event. */
  setContainers(containerIds: Iterable<string>): void {
    const next = new Set(containerIds);
    for (const id of [...this.tracked]) if (!next.has(id)) this.remove(id);
    for (const id of next) this.add(id);
  }

  /** Samples immediately, then every interval until stop(). */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
  }

  /** Stops the timer and abandons pending calls; no sample is emitted after this returns. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.queued.clear();
    for (const controller of this.inFlight.values()) controller.abort();
    for (const id of [...this.roundWaiters.keys()]) this.settle(id);
  }

  /**
   * One round over the tracked containers, outside the timer; resolves when each has been sampled
   * (or has failed). Containers already pending are awaited rather than requested twice.
   */
  sampleNow(): Promise<void> {
    this.stopped = false;
    const ids = [...this.tracked];
    const done = ids.map((id) => new Promise<void>((resolve) => this.waitFor(id, resolve)));
    this.enqueue(ids);
    return Promise.all(done).then(() => undefined);
  }

  private tick(): void {
    this.enqueue([...this.tracked]);
  }

  private enqueue(ids: string[]): void {
    for (const id of ids) {
      if (!this.tracked.has(id) || this.queued.has(id) || this.inFlight.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.pump();
  }

  private pump(): void {
    const limit = samplerConcurrency(this.tracked.size, this.maxConcurrency);
    while (!this.stopped && this.inFlight.size < limit && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.queued.delete(id);
      this.sampleOne(id);
    }
  }

  private sampleOne(containerId: string): void {
    const controller = new AbortController();
    this.inFlight.set(containerId, controller);
    void this.fetchAndEmit(containerId, controller).finally(() => {
      if (this.inFlight.get(containerId) === controller) this.inFlight.delete(containerId);
      this.settle(containerId);
      this.pump();
    });
  }

  private async fetchAndEmit(containerId: string, controller: AbortController): Promise<void> {
    const timeout = setTimeout(() => controller.abort(), this.requestTimeoutMs);
    let stats: RawContainerStats;
    try {
      // A fresh options object per call: docker-modem deletes abortSignal from the one it is given.
      const options = { stream: false as const, abortSignal: controller.signal };
      stats = await this.docker.getContainer(containerId).stats(options);
    } catch (error) {
      if (!this.stopped && this.tracked.has(containerId)) {
        this.report(containerId, controller.signal.aborted ? new Error(`stats for ${containerId} timed out after ${this.requestTimeoutMs} ms`) : error);
      }
      return;
    } finally {
      clearTimeout(timeout);
    }
    if (controller.signal.aborted || this.stopped || !this.tracked.has(containerId)) return;
    try {
      this.options.onSample(sampleFromStats(stats, { containerId, timestamp: this.clock() }));
    } catch (error) {
      this.report(containerId, error);
    }
  }

  private report(containerId: string, error: unknown): void {
    try {
      this.options.onError?.(containerId, error);
    } catch {
      // A throwing error handler must not turn into an unhandled rejection in the extension host.
    }
  }

  private waitFor(containerId: string, resolve: () => void): void {
    const waiters = this.roundWaiters.get(containerId) ?? [];
    waiters.push(resolve);
    this.roundWaiters.set(containerId, waiters);
  }

  private settle(containerId: string): void {
    // Waiters registered while a call was pending get that call's result; only resolve when idle.
    if (this.inFlight.has(containerId) || this.queued.has(containerId)) return;
    const waiters = this.roundWaiters.get(containerId);
    this.roundWaiters.delete(containerId);
    waiters?.forEach((resolve) => resolve());
  }
}
