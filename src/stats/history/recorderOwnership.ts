import { Signal } from '../../engine/signal';
import { completeRequest, pendingRequests, postRequest, waitForRequest } from './historyRequests';
import type { MetricsHistory } from './metricsHistory';
import type { MetricsRecovery } from './metricsTypes';
import type { LeaseChange, LeaseHolder, RecorderLease } from './recorderLease';

export interface RecorderOwnershipOptions {
  history: MetricsHistory | undefined;
  lease: RecorderLease | undefined;
  log: (message: string) => void;
  /** Writes what is pending before the lease is given up. */
  beforeHandOver: () => Promise<unknown>;
  /** Runs once the history is writable here (the files reloaded). */
  onBecameWriter: () => Promise<void>;
  /** Who records changed (this window or another). */
  onChanged: () => void;
  /** A clear request was executed here. */
  onClearedHere: () => void;
}

const REQUEST_POLL_MS = 500;

function describeHolder(holder: LeaseHolder): string {
  return `${holder.label} (pid ${holder.pid}${holder.hostname ? ` on ${holder.hostname}` : ''})`;
}

/**
 * Ties the lease to the history: while this window holds the lease its history worker writes,
 * otherwise it reads. The recording window also executes the requests (Clear) other windows post.
 */
export class RecorderOwnership {
  readonly onChange = new Signal<void>();
  /** The recording window found the history unreadable (or from a newer Berth) and set it aside. */
  readonly onRecovered = new Signal<MetricsRecovery>();
  private writingValue: boolean;
  private since: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  private requestTimer: NodeJS.Timeout | undefined;
  private readonly offLease: () => void;
  private disposed = false;

  constructor(private readonly options: RecorderOwnershipOptions) {
    const { history, lease } = options;
    // Without a lease this process is the only one: it records if its history was opened for writing.
    this.writingValue = !lease && history?.mode === 'writer';
    if (this.writingValue) this.since = Date.now();
    this.offLease = lease?.onChange.on((change) => this.enqueue(() => this.onLeaseChange(change))) ?? (() => undefined);
    if (lease && history) {
      this.requestTimer = setInterval(() => this.enqueue(() => this.executeRequests()), REQUEST_POLL_MS);
      void lease.start();
    }
  }

  /** This window's history worker writes (it holds the lease, or there is no lease). */
  get writing(): boolean {
    return this.writingValue;
  }

  /** The recording window: this one, another, or none known. */
  get recorder(): { self: boolean; label: string; pid: number; since: number } | undefined {
    if (this.writingValue) {
      return { self: true, label: this.options.lease?.holder?.label ?? 'this window', pid: process.pid, since: this.since ?? Date.now() };
    }
    const holder = this.options.lease?.holder;
    return holder ? { self: false, label: holder.label, pid: holder.pid, since: holder.startedAt } : undefined;
  }

  /** Another window records `engineId`, so its samples arrive through the shared history. */
  recordsEngine(engineId: string | undefined): boolean {
    const holder = this.options.lease?.holder;
    return !this.writingValue && engineId !== undefined && holder !== undefined && holder.engineId === engineId;
  }

  setEngineId(engineId: string): void {
    this.options.lease?.setEngineId(engineId);
  }

  async clear(timeoutMs: number): Promise<'cleared' | 'queued'> {
    const history = this.options.history;
    if (!history) throw new Error('the metrics history could not be opened');
    if (this.writingValue) {
      await this.serialized(() => history.clear());
      return 'cleared';
    }
    const request = await postRequest(history.filePath, 'clear');
    const done = await waitForRequest(request, timeoutMs);
    await history.refresh().catch(() => undefined);
    return done ? 'cleared' : 'queued';
  }

  /** Writes what is pending, hands the lease over and closes the history. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.requestTimer);
    this.offLease();
    await this.chain;
    if (this.writingValue) await this.options.beforeHandOver().catch(() => undefined);
    // The journal is on disk: the next recorder loads it, no compaction needed on the way out.
    await this.options.lease?.release().catch(() => undefined);
    this.writingValue = false;
    await this.options.history?.close();
    this.onChange.clear();
    this.onRecovered.clear();
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => this.options.log(`Stats: ${error instanceof Error ? error.message : String(error)}`));
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.chain.then(work);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async onLeaseChange(change: LeaseChange): Promise<void> {
    if (this.disposed) return;
    const history = this.options.history;
    if (change.holding && !this.writingValue) {
      const from = change.previous ? `; took over from ${describeHolder(change.previous)}, whose heartbeat had stopped` : '';
      this.options.log(`Stats: this window now records the metrics history${from}.`);
      if (history) {
        const loaded = await history.setMode('writer');
        if (loaded.recovered) this.onRecovered.emit(loaded.recovered);
      }
      this.writingValue = history !== undefined;
      this.since = Date.now();
      if (this.writingValue) {
        await this.options.onBecameWriter();
        await this.executeRequests();
      }
    } else if (!change.holding && this.writingValue) {
      this.writingValue = false;
      this.options.log(
        `Stats: another window took over recording the metrics history${change.holder ? `: ${describeHolder(change.holder)}` : ''}; this window stops writing.`,
      );
      await history?.setMode('reader');
    } else if (change.reason === 'observed' && change.holder) {
      this.options.log(`Stats: the metrics history is recorded by ${describeHolder(change.holder)}.`);
    }
    this.options.onChanged();
    this.onChange.emit();
  }

  private async executeRequests(): Promise<void> {
    const history = this.options.history;
    if (!this.writingValue || !history || this.disposed) return;
    for (const request of await pendingRequests(history.filePath)) {
      if (request.kind === 'clear') {
        await history.clear();
        this.options.onClearedHere();
        this.options.log('Stats: cleared the metrics history at the request of another window.');
      }
      await completeRequest(request);
    }
  }
}
