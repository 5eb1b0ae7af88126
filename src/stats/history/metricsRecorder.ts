import type Docker from 'dockerode';
import { subscribeToEvents, type EngineEvent, type EventSubscription } from '../../engine/engineEvents';
import { Signal } from '../../engine/signal';
import type { ContainerSample } from '../statsMath';
import { StatsSampler } from '../statsSampler';
import { LiveSamples } from './liveSamples';
import type { MetricsStore } from './metricsStore';

export type RecordMode = 'always' | 'off';

export interface RecorderSettings {
  intervalMs: number;
  rawRetentionHours: number;
  retentionDays: number;
  record: RecordMode;
}

/** Someone else's event stream to follow (the session's); returns the unsubscribe function. */
export type EngineEventFeed = (listener: (event: EngineEvent) => void) => () => void;

export interface MetricsRecorderOptions {
  /** Absent when the history could not be opened: live values still flow, nothing is stored. */
  store?: MetricsStore;
  settings: RecorderSettings;
  persistEveryMs?: number;
  retentionEveryMs?: number;
  /** Batches reaching this size are written at once rather than at the next interval. */
  maxBatch?: number;
  /** Problems worth a log line (a failed write, a lost event stream); never thrown. */
  log?: (message: string) => void;
  clock?: () => number;
}

// Actions after which a container is (again) running, or no longer is.
const RUNNING_ACTIONS = new Set(['start', 'unpause']);
const STOPPED_ACTIONS = new Set(['die', 'pause', 'destroy']);
const EVENT_RETRY_MS = 5000;

/**
 * Samples every running container while attached to an engine, keeps the last minutes in memory
 * for live charts, and (in `always` mode) writes the samples to the history store in batches.
 * The running set follows the engine's event stream; a (re)attach lists running containers once.
 */
export class MetricsRecorder {
  readonly onSample = new Signal<ContainerSample>();
  /** The set of running containers changed. */
  readonly onRunningChanged = new Signal<void>();
  readonly live = new LiveSamples();
  private settings: RecorderSettings;
  private docker: Docker | undefined;
  private sampler: StatsSampler | undefined;
  private subscription: EventSubscription | undefined;
  private unsubscribeFeed: (() => void) | undefined;
  private feed: EngineEventFeed | undefined;
  private readonly running = new Set<string>();
  private readonly watchers = new Map<string, number>();
  private pending: ContainerSample[] = [];
  private dirty = false;
  private generation = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly clock: () => number;
  private disposed = false;

  constructor(private readonly options: MetricsRecorderOptions) {
    this.settings = { ...options.settings };
    this.clock = options.clock ?? Date.now;
    this.persistTimer = setInterval(() => void this.persist(), options.persistEveryMs ?? 60_000);
    this.retentionTimer = setInterval(() => this.runRetention(), options.retentionEveryMs ?? 10 * 60_000);
    this.runRetention();
    this.restartFlushTimer();
  }

  get store(): MetricsStore | undefined {
    return this.options.store;
  }

  get recording(): boolean {
    return this.settings.record === 'always' && this.options.store !== undefined;
  }

  /** Ids of the containers running now, as last seen by the list or the event stream. */
  get runningIds(): string[] {
    return [...this.running];
  }

  get sampledIds(): string[] {
    return this.sampler?.containerIds ?? [];
  }

  get intervalMs(): number {
    return this.settings.intervalMs;
  }

  /**
   * Starts following an engine: events first, then the running list, so no start falls in between.
   * Without a feed the recorder opens its own event stream (and reopens it when it drops); with one,
   * whoever owns the feed re-attaches after a reconnection.
   */
  async attach(docker: Docker, feed?: EngineEventFeed): Promise<void> {
    this.detach();
    if (this.disposed) return;
    const generation = ++this.generation;
    this.docker = docker;
    this.feed = feed;
    this.sampler = new StatsSampler(docker, {
      intervalMs: this.settings.intervalMs,
      onSample: (sample) => this.accept(sample),
    });
    try {
      if (feed) {
        this.unsubscribeFeed = feed((event) => this.onEvent(event));
      } else {
        const subscription = await subscribeToEvents(docker, (event) => this.onEvent(event));
        if (generation !== this.generation) {
          subscription.close();
          return;
        }
        this.subscription = subscription;
        void subscription.ended.then((error) => this.onStreamEnded(generation, subscription, error));
      }
      const list = await docker.listContainers({ filters: JSON.stringify({ status: ['running'] }) });
      if (generation !== this.generation) return;
      this.running.clear();
      for (const container of list) this.running.add(container.Id);
      this.onRunningChanged.emit();
      this.updateSampler();
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`Stats: could not follow the engine: ${describe(error)}`);
      this.scheduleReattach(generation, feed);
    }
  }

  /** Stops sampling (engine gone); stored and in-memory samples stay. */
  detach(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    this.subscription?.close();
    this.subscription = undefined;
    this.unsubscribeFeed?.();
    this.unsubscribeFeed = undefined;
    this.sampler?.stop();
    this.sampler = undefined;
    this.docker = undefined;
    if (this.running.size > 0) {
      this.running.clear();
      this.onRunningChanged.emit();
    }
  }

  updateSettings(settings: RecorderSettings): void {
    const intervalChanged = settings.intervalMs !== this.settings.intervalMs;
    this.settings = { ...settings };
    if (settings.record === 'off') this.pending = [];
    this.restartFlushTimer();
    if (intervalChanged && this.docker) void this.attach(this.docker, this.feed);
    else this.updateSampler();
    this.runRetention();
  }

  /**
   * Someone looks at a container's stats ('*' for all). In `off` mode only watched containers are
   * sampled; call the returned function when the view closes.
   */
  watch(containerId: string): () => void {
    this.watchers.set(containerId, (this.watchers.get(containerId) ?? 0) + 1);
    this.updateSampler();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.watchers.get(containerId) ?? 1) - 1;
      if (left > 0) this.watchers.set(containerId, left);
      else this.watchers.delete(containerId);
      this.updateSampler();
    };
  }

  /** Writes pending samples to the store; returns how many. */
  flush(): number {
    const batch = this.pending;
    this.pending = [];
    const store = this.options.store;
    if (!store || batch.length === 0 || !this.recording) return 0;
    try {
      const written = store.insert(batch);
      if (written > 0) this.dirty = true;
      return written;
    } catch (error) {
      this.log(`Stats: could not store ${batch.length} samples: ${describe(error)}`);
      return 0;
    }
  }

  /** Flushes and writes the history file if anything changed since the last write. */
  async persist(): Promise<void> {
    this.flush();
    const store = this.options.store;
    if (!store || !this.dirty) return;
    this.dirty = false;
    try {
      await store.persist();
    } catch (error) {
      this.dirty = true;
      this.log(`Stats: could not write the metrics history to ${store.filePath}: ${describe(error)}`);
    }
  }

  /** Empties the history and the in-memory samples. */
  clear(): void {
    this.pending = [];
    this.live.clear();
    this.options.store?.clear();
    this.dirty = true;
  }

  /** Stops everything and writes what is left; the store is closed afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.detach();
    this.disposed = true;
    clearInterval(this.flushTimer);
    clearInterval(this.persistTimer);
    clearInterval(this.retentionTimer);
    await this.persist();
    this.options.store?.close();
    this.onSample.clear();
    this.onRunningChanged.clear();
  }

  private accept(sample: ContainerSample): void {
    this.live.add(sample, this.clock());
    if (this.recording) {
      this.pending.push(sample);
      if (this.pending.length >= (this.options.maxBatch ?? 500)) this.flush();
    }
    this.onSample.emit(sample);
  }

  private onEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const id = event.Actor?.ID ?? event.id;
    if (!id) return;
    const action = event.Action;
    if (RUNNING_ACTIONS.has(action) && !this.running.has(id)) {
      this.running.add(id);
    } else if (STOPPED_ACTIONS.has(action) && this.running.has(id)) {
      this.running.delete(id);
    } else {
      return;
    }
    this.updateSampler();
    this.onRunningChanged.emit();
  }

  private updateSampler(): void {
    const sampler = this.sampler;
    if (!sampler) return;
    const everything = this.settings.record === 'always' || this.watchers.has('*');
    const wanted = [...this.running].filter((id) => everything || this.watchers.has(id));
    sampler.setContainers(wanted);
    if (wanted.length > 0 && !sampler.running) sampler.start();
    else if (wanted.length === 0 && sampler.running) sampler.stop();
  }

  private onStreamEnded(generation: number, subscription: EventSubscription, error: Error | undefined): void {
    if (generation !== this.generation || subscription !== this.subscription || error === undefined) return;
    this.log(`Stats: the engine's event stream ended (${error.message}); following it again shortly.`);
    this.scheduleReattach(generation);
  }

  private scheduleReattach(generation: number, feed?: EngineEventFeed): void {
    const docker = this.docker;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (generation === this.generation && docker && !this.disposed) void this.attach(docker, feed);
    }, EVENT_RETRY_MS);
  }

  private restartFlushTimer(): void {
    clearInterval(this.flushTimer);
    this.flushTimer = setInterval(() => this.flush(), this.settings.intervalMs);
  }

  private runRetention(): void {
    const store = this.options.store;
    if (!store) return;
    try {
      const result = store.retention(this.clock(), this.settings.rawRetentionHours, this.settings.retentionDays);
      if (result.downsampledRawRows + result.deletedMinuteRows + result.deletedContainers > 0) this.dirty = true;
    } catch (error) {
      this.log(`Stats: could not apply the metrics retention: ${describe(error)}`);
    }
  }

  private log(message: string): void {
    try {
      this.options.log?.(message);
    } catch {
      // Logging must never break sampling.
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
