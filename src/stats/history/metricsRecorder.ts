import { Backoff } from '../../engine/backoff';
import type { EngineClient } from '../../engine/engineClient';
import type { EngineEventHub } from '../../engine/engineEvents';
import { readEngineId } from '../../engine/engineIdentity';
import { Signal } from '../../engine/signal';
import type { ContainerSample } from '../statsMath';
import { StatsSampler } from '../statsSampler';
import type { HistoryChanges } from './historyDatabase';
import { LiveSamples } from './liveSamples';
import type { MetricsHistory } from './metricsHistory';
import type { StoredContainer, StoredSample } from './metricsTypes';
import { RecorderOwnership } from './recorderOwnership';
import type { MetricsRecorderOptions, RecorderSettings } from './recorderSettings';
import { RecordingBatch } from './recordingBatch';
import { RunningContainers } from './runningContainers';

// Following again after a failure: the engine's one back-off policy, from 5 s up to a minute.
const REATTACH_FIRST_MS = 5000;
const REATTACH_MAX_MS = 60_000;

/**
 * Follows the running containers of one engine and keeps the last minutes in memory for live
 * charts. In the window holding the lease (see recorderOwnership.ts) it samples every running
 * container and writes the history in batches; in the others it shows what the recording window
 * wrote (live values included) and samples only what a panel watches when nobody records this engine.
 */
export class MetricsRecorder {
  readonly onSample = new Signal<ContainerSample>();
  /** The set of running containers changed. */
  readonly onRunningChanged = new Signal<void>();
  /** The history was cleared (here or by another window). */
  readonly onCleared = new Signal<void>();
  readonly live = new LiveSamples();
  readonly ownership: RecorderOwnership;
  private settings: RecorderSettings;
  private client: EngineClient | undefined;
  private engineIdValue: string | undefined;
  private sampler: StatsSampler | undefined;
  private hub: EngineEventHub | undefined;
  private readonly running = new RunningContainers();
  private readonly watchers = new Map<string, number>();
  private readonly batch: RecordingBatch | undefined;
  private generation = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly reattachDelay = new Backoff(REATTACH_FIRST_MS, REATTACH_MAX_MS);
  private readonly clock: () => number;
  private readonly offChanges: () => void;
  private disposed = false;

  constructor(private readonly options: MetricsRecorderOptions) {
    this.settings = { ...options.settings };
    this.clock = options.clock ?? Date.now;
    this.batch = options.history ? new RecordingBatch(options.history, (message) => this.log(message)) : undefined;
    this.retentionTimer = setInterval(() => void this.runRetention(), options.retentionEveryMs ?? 10 * 60_000);
    this.restartFlushTimer();
    this.offChanges = options.history?.onChanges.on((changes) => this.onHistoryChanges(changes)) ?? (() => undefined);
    this.running.onChanged.on(() => {
      this.updateSampler();
      this.onRunningChanged.emit();
    });
    this.running.onListFailed.on((error) => {
      this.log(`Stats: could not list the running containers after a reconnection (${error.message}); following again shortly.`);
      this.scheduleReattach(this.generation);
    });
    options.history?.onLog.on((message) => this.log(message));
    this.ownership = new RecorderOwnership({
      history: options.history,
      lease: options.lease,
      log: (message) => (options.info ?? options.log)?.(message),
      beforeHandOver: () => this.flush(),
      onBecameWriter: () => this.onBecameWriter(),
      onChanged: () => this.updateSampler(),
      onClearedHere: () => this.forgetLive(),
    });
  }

  get history(): MetricsHistory | undefined {
    return this.options.history;
  }

  get engineId(): string | undefined {
    return this.engineIdValue;
  }

  /** This window samples every running container and writes them to the history. */
  get recording(): boolean {
    return this.settings.record === 'always' && this.ownership.writing;
  }

  /** The history is recorded (by this window or another): berth.stats.record is on and the history opened. */
  get historyRecorded(): boolean {
    return this.settings.record === 'always' && this.options.history !== undefined;
  }

  /** Ids of the containers running now, as last seen by the list or the event stream. */
  get runningIds(): string[] {
    return this.running.list;
  }

  get sampledIds(): string[] {
    return this.sampler?.containerIds ?? [];
  }

  get intervalMs(): number {
    return this.settings.intervalMs;
  }

  /**
   * Starts following an engine: its ID, then events (from the engine's hub, never a stream of its
   * own), then the running list, so no start falls in between.
   */
  async attach(client: EngineClient, hub: EngineEventHub): Promise<void> {
    this.detach();
    if (this.disposed) return;
    const generation = ++this.generation;
    this.client = client;
    this.hub = hub;
    try {
      const engineId = await (this.options.engineId ?? readEngineId)(client);
      if (generation !== this.generation) return;
      if (engineId !== this.engineIdValue) this.batch?.forget();
      this.engineIdValue = engineId;
      this.ownership.setEngineId(engineId);
      this.sampler = new StatsSampler(client, {
        intervalMs: this.settings.intervalMs,
        onSample: (sample) => this.accept(sample),
      });
      if (!(await this.running.follow(client, hub)) || generation !== this.generation) return;
      if (this.ownership.writing) await this.batch?.resumeFrom(engineId);
      if (generation !== this.generation) return;
      this.reattachDelay.reset();
      this.updateSampler();
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`Stats: could not follow the engine: ${describe(error)}`);
      this.scheduleReattach(generation);
    }
  }

  /** Stops sampling (engine gone); stored and in-memory samples stay. */
  detach(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    this.sampler?.stop();
    this.sampler = undefined;
    this.running.stop();
    this.client = undefined;
  }

  updateSettings(settings: RecorderSettings): void {
    const intervalChanged = settings.intervalMs !== this.settings.intervalMs;
    this.settings = { ...settings };
    if (settings.record === 'off') this.batch?.drop();
    this.restartFlushTimer();
    if (intervalChanged && this.client && this.hub) void this.attach(this.client, this.hub);
    else this.updateSampler();
    void this.runRetention();
  }

  /**
   * Someone looks at a container's stats ('*' for all). Outside the recording window (or with
   * recording off) only watched containers are sampled; call the returned function when the view closes.
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

  /** Writes pending samples to the history (recording window only); resolves to how many. */
  async flush(): Promise<number> {
    const engineId = this.engineIdValue;
    if (!this.batch || !this.recording || engineId === undefined) {
      this.batch?.drop();
      return 0;
    }
    return this.batch.flush(engineId);
  }

  /** Samples of one container in a time range, as the recording window has written them so far. */
  async query(containerId: string, fromMs: number, toMs: number): Promise<StoredSample[]> {
    const history = this.options.history;
    if (!history) return [];
    await this.catchUp();
    return history.query(containerId, fromMs, toMs, this.engineIdValue ?? '');
  }

  async containers(): Promise<StoredContainer[]> {
    const history = this.options.history;
    if (!history) return [];
    await this.catchUp();
    return history.containers();
  }

  /** Writes a CSV of the history (one container, or all) to `targetPath`; resolves to its size. */
  async exportCsv(targetPath: string, container?: { containerId: string; engineId: string }): Promise<number> {
    const history = this.options.history;
    if (!history) throw new Error('the metrics history could not be opened');
    await this.catchUp();
    return history.exportCsv(targetPath, container?.containerId, container?.engineId);
  }

  /**
   * Empties the history, in whichever window records it. Resolves to 'queued' when no recorder
   * executed the request in time: it stays on disk and the next recorder executes it.
   */
  async clear(): Promise<'cleared' | 'queued'> {
    this.forgetLive();
    return this.ownership.clear(Math.max(10_000, 3 * this.settings.intervalMs));
  }

  /** Stops everything; a recording window writes what is pending and hands the lease over. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.detach();
    this.disposed = true;
    clearInterval(this.flushTimer);
    clearInterval(this.retentionTimer);
    this.offChanges();
    await this.ownership.dispose();
    this.onSample.clear();
    this.onRunningChanged.clear();
    this.onCleared.clear();
  }

  // Readers catch up with the files; the writer writes its pending batch first.
  private async catchUp(): Promise<void> {
    if (this.ownership.writing) await this.flush();
    else await this.options.history?.refresh().catch(() => undefined);
  }

  private async onBecameWriter(): Promise<void> {
    // The previous recorder's samples are in the files just loaded: resume after them.
    if (this.engineIdValue !== undefined) await this.batch?.resumeFrom(this.engineIdValue);
    await this.runRetention();
  }

  private accept(sample: ContainerSample): void {
    this.live.add(sample, this.clock());
    if (this.recording && this.batch) {
      this.batch.offer(sample, this.settings.intervalMs);
      if (this.batch.size >= (this.options.maxBatch ?? 500)) void this.flush();
    }
    this.onSample.emit(sample);
  }

  private onHistoryChanges(changes: HistoryChanges): void {
    if (changes.cleared) this.forgetLive();
    const now = this.clock();
    for (const batch of changes.samples) {
      if (batch.engineId !== this.engineIdValue) continue;
      for (const sample of batch.samples) {
        // Containers this window samples itself already have these values.
        if (this.sampler?.containerIds.includes(sample.containerId)) continue;
        this.live.add(sample, now);
        this.onSample.emit(sample);
      }
    }
  }

  private forgetLive(): void {
    this.live.clear();
    this.batch?.forget();
    this.onCleared.emit();
  }

  private updateSampler(): void {
    const sampler = this.sampler;
    if (!sampler) return;
    let wanted: string[];
    if (this.recording) {
      wanted = this.running.list;
    } else {
      // Another window records this engine: its samples reach the live view through the history,
      // so no second request per container goes to the engine.
      const recordedElsewhere = this.settings.record === 'always' && this.ownership.recordsEngine(this.engineIdValue);
      wanted = recordedElsewhere ? [] : this.running.list.filter((id) => this.watchers.has('*') || this.watchers.has(id));
    }
    sampler.setContainers(wanted);
    if (wanted.length > 0 && !sampler.running) sampler.start();
    else if (wanted.length === 0 && sampler.running) sampler.stop();
  }

  private scheduleReattach(generation: number): void {
    const client = this.client;
    const hub = this.hub;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (generation === this.generation && client && hub && !this.disposed) void this.attach(client, hub);
    }, this.reattachDelay.next());
  }

  private restartFlushTimer(): void {
    clearInterval(this.flushTimer);
    this.flushTimer = setInterval(() => void this.flush(), this.settings.intervalMs);
  }

  private async runRetention(): Promise<void> {
    const history = this.options.history;
    if (!history || !this.ownership.writing) return;
    try {
      await history.retention(this.clock(), this.settings.rawRetentionHours, this.settings.retentionDays);
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
