/**
 * Paces appends to an output channel. VS Code gives no signal when the Output view falls behind,
 * so the channel is modelled as a consumer of a fixed number of characters per second: each append
 * books its share of that rate, and the wait returned tells the producer when to send the next.
 * Bursts up to `burstMs` worth of characters pass at once, so ordinary logs never wait; a flood
 * waits, its coalescer fills, and the engine stream is paused.
 */
export class AppendPacer {
  /** When the consumer will have caught up with everything booked so far. */
  private caughtUpAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly charsPerSecond: number,
    private readonly burstMs = 500,
  ) {
    if (!(charsPerSecond > 0)) throw new RangeError('charsPerSecond must be positive');
  }

  /** Books `chars` appended at `now`; returns how long to wait (ms) before the next append. */
  book(chars: number, now: number): number {
    const start = Math.max(now, this.caughtUpAt);
    this.caughtUpAt = start + (chars / this.charsPerSecond) * 1000;
    return Math.max(0, this.caughtUpAt - now - this.burstMs);
  }
}
