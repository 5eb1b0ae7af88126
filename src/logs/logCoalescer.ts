export interface LogCoalescerOptions<T> {
  /** Minimum time between two flushes. */
  intervalMs?: number;
  /** Buffered size above which push() asks the producer to pause. */
  highWaterMark?: number;
  /** Buffered size at or below which a paused producer is resumed; defaults to half the high-water mark. */
  lowWaterMark?: number;
  /** Size of one item in the unit of the water marks (for lines: UTF-16 code units plus one). */
  sizeOf: (item: T) => number;
  /**
   * Receives each batch. A returned promise holds the next flush back until it settles, so a slow
   * consumer makes the buffer fill and the producer pause.
   */
  onFlush: (batch: T[]) => void | Promise<void>;
  /** The producer should stop reading (e.g. pause the engine stream). */
  onPause?: () => void;
  /** The buffer has drained; the producer may read again. */
  onResume?: () => void;
  /** Called if onFlush throws or rejects; the coalescer carries on. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_COALESCE_MS = 200;
export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

/**
 * Gathers items and hands them over in batches at most every intervalMs, so a chatty container
 * produces a few large appends instead of thousands of small ones. The buffer is bounded by
 * backpressure rather than by dropping: once it holds more than the high-water mark, push()
 * returns false and onPause fires; onResume fires after a flush brings it down again.
 */
export class LogCoalescer<T> {
  private buffer: T[] = [];
  private bufferedSize = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private isPaused = false;
  private resumeWaiters: (() => void)[] = [];
  private closed = false;
  private readonly intervalMs: number;
  private readonly highWaterMark: number;
  private readonly lowWaterMark: number;

  constructor(private readonly options: LogCoalescerOptions<T>) {
    this.intervalMs = options.intervalMs ?? DEFAULT_COALESCE_MS;
    this.highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    this.lowWaterMark = Math.min(options.lowWaterMark ?? Math.floor(this.highWaterMark / 2), this.highWaterMark);
  }

  /** Adds items; false means the buffer is over the high-water mark and the producer should pause. */
  push(...items: T[]): boolean {
    if (this.closed) return false;
    for (const item of items) {
      this.buffer.push(item);
      this.bufferedSize += this.options.sizeOf(item);
    }
    if (this.buffer.length > 0) this.schedule();
    if (this.bufferedSize > this.highWaterMark && !this.isPaused) {
      this.isPaused = true;
      this.options.onPause?.();
    }
    return !this.isPaused;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Resolves when the producer may push again (at once if not paused), for producers that can wait. */
  whenResumed(): Promise<void> {
    if (!this.isPaused || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  get size(): number {
    return this.bufferedSize;
  }

  /** Hands over whatever is buffered now, after any flush in progress; for the end of a stream. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    this.cancelTimer();
    this.flushNow();
    while (this.inFlight) await this.inFlight;
  }

  /** Flushes what is left and accepts nothing more. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.cancelTimer();
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(): void {
    if (this.timer || this.inFlight) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    // Even with no wait, a timer lets the rest of the current chunk join the batch.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushNow();
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushNow(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bufferedSize = 0;
    this.lastFlush = Date.now();
    let result: void | Promise<void> = undefined;
    try {
      result = this.options.onFlush(batch);
    } catch (error) {
      this.options.onError?.(error);
    }
    if (result instanceof Promise) {
      this.inFlight = result.then(
        () => this.afterFlush(),
        (error: unknown) => {
          this.options.onError?.(error);
          this.afterFlush();
        },
      );
    } else {
      this.afterFlush();
    }
  }

  private afterFlush(): void {
    this.inFlight = undefined;
    if (this.isPaused && this.bufferedSize <= this.lowWaterMark) {
      this.isPaused = false;
      this.options.onResume?.();
      this.releaseWaiters();
    }
    if (this.buffer.length > 0 && !this.closed) this.schedule();
  }
}
