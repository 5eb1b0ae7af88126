import type { LogLine } from './logLines';
import { instantOf, instantParam, type Instant } from './logTimestamp';

// Instants are compared as (seconds, fraction) numbers: exact, and without a BigInt per line.
function compare(aSeconds: number, aFraction: number, b: Instant): number {
  if (aSeconds !== b.seconds) return aSeconds < b.seconds ? -1 : 1;
  return aFraction === b.fraction ? 0 : aFraction < b.fraction ? -1 : 1;
}

/**
 * The last line shown, so a new logs request can resume exactly after it. The engine's `since` is
 * inclusive and several lines can share one timestamp, so besides the timestamp it counts how many
 * lines at that timestamp were shown; a resumed request skips that many.
 */
export class ResumePoint {
  private readonly at: Instant = { seconds: 0, fraction: 0 };
  private hasShown = false;
  private countAtTimestamp = 0;

  /** The `since` parameter for the next request, or undefined when nothing has been shown. */
  get since(): string | undefined {
    return this.hasShown ? instantParam(this.at) : undefined;
  }

  /** A filter for one request that starts at `since` (or from scratch when nothing was shown). */
  session(): ResumeSession {
    return new ResumeSession(this);
  }

  /** Records a line shown at this instant. A clock that stepped back never moves the point back. */
  shownAt(seconds: number, fraction: number): void {
    const order = this.hasShown ? compare(seconds, fraction, this.at) : 1;
    if (order === 0) {
      this.countAtTimestamp++;
    } else if (order > 0) {
      this.at.seconds = seconds;
      this.at.fraction = fraction;
      this.hasShown = true;
      this.countAtTimestamp = 1;
    }
  }

  /** The resume instant and how many lines at it were shown. */
  get last(): { at: Instant; count: number } | undefined {
    return this.hasShown ? { at: { ...this.at }, count: this.countAtTimestamp } : undefined;
  }
}

export class ResumeSession {
  private readonly resumeFrom: Instant | undefined;
  private skipAtResume: number;
  private resuming: boolean;
  /** Lines this session let through. */
  admitted = 0;

  constructor(private readonly point: ResumePoint) {
    const last = point.last;
    this.resumeFrom = last?.at;
    this.skipAtResume = last?.count ?? 0;
    this.resuming = last !== undefined;
  }

  /** True if the line is new and should be shown; records it as shown. */
  admit(line: LogLine): boolean {
    if (!line.timestamp) {
      this.admitted++;
      return true;
    }
    const { seconds, fraction } = instantOf(line.timestamp.nanos);
    return this.admitAt(seconds, fraction);
  }

  /** admit() for a line with a timestamp, given as numbers (see Instant). */
  admitAt(seconds: number, fraction: number): boolean {
    if (this.resuming && this.resumeFrom) {
      // Only the start of a resumed request repeats lines; once past the resume point, all is new.
      const order = compare(seconds, fraction, this.resumeFrom);
      if (order < 0) return false;
      if (order === 0 && this.skipAtResume > 0) {
        this.skipAtResume--;
        return false;
      }
      this.resuming = false;
    }
    this.point.shownAt(seconds, fraction);
    this.admitted++;
    return true;
  }
}
