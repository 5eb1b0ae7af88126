import type { EngineClient } from '../engine/engineClient';
import { sampleFromStats, type ContainerSample, type RawContainerStats, type RawCpuStats } from './statsMath';
import { isCpuReading, statsRequest, withPreviousCpu } from './statsOneShot';

// Why `one-shot` after the first call. A plain `stream=false` call makes the engine wait for two
// readings of its one-second collector, so it takes one to two seconds, and since a container is
// not asked again while its call is pending, a 1 s interval became one sample every 2 s. Measured
// on the test engine (20.10, API 1.41, 2 loaded cores), 4 idle containers, 1 s interval, 30 s:
//   stream=false          15 samples per container   median call 1.52 s, slowest 2.1 s
//   stream=false&one-shot 29-30 per container        median call 0.23 s, slowest 1.0 s
//   kept stream=true      29-30 readings per container
// One-shot leaves `precpu_stats` empty, so CPU % is computed against the container's previous
// reading (statsOneShot.ts); the first call of a container stays plain so its first sample has a
// CPU % too. A kept stream would hold the interval as well, but it holds a connection open per
// container for the whole session, makes the engine push (and us parse) a reading every second even
// at the default 5 s interval, and ends whenever the container stops, so it needs its own
// reconnect bookkeeping; one-shot polling keeps the one request-per-interval model below.
// Engines older than API 1.41 ignore `one-shot` and answer as before: their response carries
// `precpu_stats`, which then wins over the carried reading.

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
  /** Each container's last CPU reading, the baseline of its next one-shot sample. */
  private readonly lastCpu = new Map<string, RawCpuStats>();
  private readonly intervalMs: number;
  private readonly maxConcurrency: number;
  private readonly requestTimeoutMs: number;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly client: EngineClient,
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
    this.lastCpu.delete(containerId);
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
    // After a pause in sampling a carried reading would average CPU over the whole gap.
    this.lastCpu.clear();
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
      stats = await this.client.containerStats(containerId, statsRequest(this.lastCpu.get(containerId)), controller.signal);
    } catch (error) {
      if (!this.stopped && this.tracked.has(containerId)) {
        this.report(containerId, controller.signal.aborted ? new Error(`stats for ${containerId} timed out after ${this.requestTimeoutMs} ms`) : error);
      }
      return;
    } finally {
      clearTimeout(timeout);
    }
    if (controller.signal.aborted || this.stopped || !this.tracked.has(containerId)) return;
    const previousCpu = this.lastCpu.get(containerId);
    // Only a reading with the host's CPU time can be a baseline; without one the next call is plain again.
    if (isCpuReading(stats.cpu_stats)) this.lastCpu.set(containerId, stats.cpu_stats);
    else this.lastCpu.delete(containerId);
    try {
      this.options.onSample(sampleFromStats(withPreviousCpu(stats, previousCpu), { containerId, timestamp: this.clock() }));
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
