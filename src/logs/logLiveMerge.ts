import type { LogLine } from './logLines';
import { monotonicKey, type ServiceLogLine } from './logMerge';

export interface LiveLogMergerOptions {
  /**
   * How long a line is held so that lines from other services with earlier timestamps can still
   * overtake it. It should exceed the delay of whatever feeds the merger (e.g. each follower's
   * coalescing interval), or lines will come out in arrival order instead.
   */
  windowMs?: number;
  onLines: (lines: ServiceLogLine[]) => void;
}

export const DEFAULT_MERGE_WINDOW_MS = 300;

interface Pending {
  entry: ServiceLogLine;
  key: bigint;
  arrived: number;
  seq: number;
}

/**
 * Orders lines of several services that are still arriving. The trade-off chosen is a fixed
 * hold-back window: a line is released once it has waited windowMs, together with every held line
 * whose timestamp is not later than it, all in timestamp order. Lines that arrive later than the
 * window with an older timestamp are released promptly rather than dropped, so across services the
 * order is best effort while each service keeps its own order exactly.
 */
export class LiveLogMerger {
  private pending: Pending[] = [];
  private readonly lastKey = new Map<string, bigint>();
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly windowMs: number;

  constructor(private readonly options: LiveLogMergerOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_MERGE_WINDOW_MS;
  }

  push(service: string, lines: readonly LogLine[]): void {
    const arrived = Date.now();
    for (const line of lines) {
      const key = monotonicKey(line, this.lastKey.get(service));
      this.lastKey.set(service, key);
      this.pending.push({ entry: { service, line }, key, arrived, seq: this.seq++ });
    }
    this.schedule();
  }

  /** Releases everything held, in order; for the end of a follow. */
  flush(): void {
    this.cancel();
    this.release(this.pending.length > 0 ? this.maxKey(this.pending) : undefined);
  }

  dispose(): void {
    this.cancel();
    this.pending = [];
  }

  private tick(): void {
    this.timer = undefined;
    const cutoff = Date.now() - this.windowMs;
    const due = this.pending.filter((p) => p.arrived <= cutoff);
    if (due.length > 0) this.release(this.maxKey(due));
    this.schedule();
  }

  private release(upTo: bigint | undefined): void {
    if (upTo === undefined) return;
    const out: Pending[] = [];
    const keep: Pending[] = [];
    for (const p of this.pending) (p.key <= upTo ? out : keep).push(p);
    this.pending = keep;
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
    if (out.length > 0) this.options.onLines(out.map((p) => p.entry));
  }

  private maxKey(items: readonly Pending[]): bigint {
    return items.reduce((max, p) => (p.key > max ? p.key : max), items[0].key);
  }

  private schedule(): void {
    if (this.timer || this.pending.length === 0) return;
    const oldest = this.pending.reduce((min, p) => Math.min(min, p.arrived), Number.POSITIVE_INFINITY);
    this.timer = setTimeout(() => this.tick(), Math.max(0, oldest + this.windowMs - Date.now()));
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
