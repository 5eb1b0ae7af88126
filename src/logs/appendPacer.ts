export interface AppendLimits {
  /** Lines a second the Output view is given at most, on average. */
  linesPerSecond: number;
  /** Characters (UTF-16 code units) a second, likewise. */
  charsPerSecond: number;
  /** How much may go at once, as time at the rates above; also the most lines held back. Default 1 s. */
  burstMs?: number;
}

/** What to append now: `skipped` lines were left out just before `text`, which holds `count` whole lines. */
export interface AppendRelease {
  skipped: number;
  text: string;
  count: number;
}

const NEWLINE = 10;

/** The start of the `n`-th line from the end of text made of whole lines ("\n"-terminated). */
function startOfLastLines(text: string, n: number): number {
  let at = text.length - 1;
  for (let seen = 0; seen < n; seen++) {
    const newline = text.lastIndexOf('\n', at - 1);
    if (newline < 0) return 0;
    at = newline;
  }
  return at + 1;
}

/** The end of the first `n` lines of text made of whole lines. */
function endOfFirstLines(text: string, n: number): number {
  let at = -1;
  for (let seen = 0; seen < n; seen++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text.length;
  }
  return at + 1;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === NEWLINE) count++;
  return count;
}

/**
 * Decides what a followed log's output channel is given. VS Code gives no signal when the Output
 * view falls behind, and a window fed faster than it renders grows and stops answering (issue 9),
 * so the channel gets at most `linesPerSecond` lines and `charsPerSecond` characters a second
 * (token buckets holding `burstMs` worth, so ordinary logs pass untouched). When a source is faster,
 * the newest lines are held back, up to one burst; older ones held are dropped and counted, and the
 * held lines go out with the count when the buckets are full again (`releaseDue`). A flood thus
 * shows as a burst of its latest lines about once a second, each after a note of what was left out.
 *
 * History the user asked for (the tail) is `allowInFull`: those lines are never skipped, only paced:
 * `wait` says how long the producer should hold off so they go out at the character rate.
 */
export class AppendPacer {
  private readonly burstMs: number;
  private readonly lineCapacity: number;
  private readonly charCapacity: number;
  private lineTokens: number;
  private charTokens: number;
  private refilledAt = Number.NEGATIVE_INFINITY;
  private exempt = 0;
  /** When the consumer will have taken all paced (exempt) text. */
  private caughtUpAt = Number.NEGATIVE_INFINITY;
  private held = '';
  private heldCount = 0;
  private skipped = 0;

  constructor(readonly limits: AppendLimits) {
    if (!(limits.linesPerSecond > 0) || !(limits.charsPerSecond > 0)) throw new RangeError('the rates must be positive');
    this.burstMs = limits.burstMs ?? 1000;
    if (!(this.burstMs > 0)) throw new RangeError('burstMs must be positive');
    this.lineCapacity = Math.max(1, Math.floor((limits.linesPerSecond * this.burstMs) / 1000));
    this.charCapacity = Math.max(1, Math.floor((limits.charsPerSecond * this.burstMs) / 1000));
    this.lineTokens = this.lineCapacity;
    this.charTokens = this.charCapacity;
  }

  /** The next `lines` lines offered are shown whatever the rate (paced instead, see `wait`). */
  allowInFull(lines: number): void {
    this.exempt += Math.max(0, Math.floor(lines));
  }

  /** Offers `count` whole lines; returns what to append now (possibly nothing). */
  offer(text: string, count: number, now: number): AppendRelease {
    this.refill(now);
    let rest = text;
    let restCount = count;
    let out = '';
    let outCount = 0;
    if (this.exempt > 0 && restCount > 0) {
      const take = Math.min(this.exempt, restCount);
      const cut = take === restCount ? rest.length : endOfFirstLines(rest, take);
      out = rest.slice(0, cut);
      outCount = take;
      this.exempt -= take;
      rest = rest.slice(cut);
      restCount -= take;
      this.caughtUpAt = Math.max(now, this.caughtUpAt) + (out.length / this.limits.charsPerSecond) * 1000;
    }
    if (restCount > 0) {
      if (this.heldCount === 0 && this.skipped === 0 && restCount <= this.lineTokens && rest.length <= this.charTokens) {
        this.spend(restCount, rest.length);
        out += rest;
        outCount += restCount;
      } else {
        this.hold(rest, restCount);
      }
    }
    return { skipped: 0, text: out, count: outCount };
  }

  /** Milliseconds until the held lines may go out (0: now); undefined when nothing is held. */
  releaseDue(now: number): number | undefined {
    if (this.heldCount === 0 && this.skipped === 0) return undefined;
    this.refill(now);
    const lines = ((this.lineCapacity - this.lineTokens) / this.limits.linesPerSecond) * 1000;
    const chars = ((this.charCapacity - this.charTokens) / this.limits.charsPerSecond) * 1000;
    return Math.max(0, Math.ceil(Math.max(lines, chars)));
  }

  /** The held lines and how many were left out before them, once due (or at once with `force`, when following ends). */
  release(now: number, force = false): AppendRelease | undefined {
    const due = this.releaseDue(now);
    if (due === undefined || (due > 0 && !force)) return undefined;
    const release: AppendRelease = { skipped: this.skipped, text: this.held, count: this.heldCount };
    this.spend(this.heldCount, this.held.length);
    this.held = '';
    this.heldCount = 0;
    this.skipped = 0;
    return release;
  }

  /** Milliseconds the producer should wait before offering more, so paced history keeps to the rate. */
  wait(now: number): number {
    return Math.max(0, this.caughtUpAt - now - this.burstMs);
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    const elapsed = this.refilledAt === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : now - this.refilledAt;
    this.refilledAt = now;
    this.lineTokens = Math.min(this.lineCapacity, this.lineTokens + (elapsed * this.limits.linesPerSecond) / 1000);
    this.charTokens = Math.min(this.charCapacity, this.charTokens + (elapsed * this.limits.charsPerSecond) / 1000);
  }

  // A single line longer than a burst still goes out whole: the buckets go into debt for it.
  private spend(lines: number, chars: number): void {
    this.lineTokens -= lines;
    this.charTokens -= chars;
  }

  /** Keeps the newest lines, at most a burst of them (but always the last one); counts the rest as skipped. */
  private hold(text: string, count: number): void {
    this.held = this.heldCount === 0 ? text : this.held + text;
    this.heldCount += count;
    let from = 0;
    if (this.heldCount > this.lineCapacity) from = startOfLastLines(this.held, this.lineCapacity);
    if (this.held.length - from > this.charCapacity) {
      const newline = this.held.indexOf('\n', this.held.length - this.charCapacity - 1);
      const lastLine = startOfLastLines(this.held, 1);
      from = Math.max(from, Math.min(newline + 1, lastLine));
    }
    if (from === 0) return;
    const dropped = countLines(this.held, 0, from);
    this.held = this.held.slice(from);
    this.heldCount -= dropped;
    this.skipped += dropped;
  }
}
