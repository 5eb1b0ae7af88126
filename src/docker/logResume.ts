import type { LogLine } from './logLines';
import { engineTimeParam, type LogTimestamp } from './logTimestamp';

/**
 * The last line shown, so a new logs request can resume exactly after it. The engine's `since` is
 * inclusive and several lines can share one timestamp, so besides the timestamp it counts how many
 * lines at that timestamp were shown; a resumed request skips that many.
 */
export class ResumePoint {
  private timestamp: LogTimestamp | undefined;
  private countAtTimestamp = 0;

  /** The `since` parameter for the next request, or undefined when nothing has been shown. */
  get since(): string | undefined {
    return this.timestamp ? engineTimeParam(this.timestamp) : undefined;
  }

  /** A filter for one request that starts at `since` (or from scratch when nothing was shown). */
  session(): ResumeSession {
    return new ResumeSession(this);
  }

  /** Records a line that is being shown. A clock that stepped back never moves the point back. */
  shown(timestamp: LogTimestamp): void {
    if (this.timestamp && timestamp.nanos === this.timestamp.nanos) {
      this.countAtTimestamp++;
    } else if (!this.timestamp || timestamp.nanos > this.timestamp.nanos) {
      this.timestamp = timestamp;
      this.countAtTimestamp = 1;
    }
  }

  /** The resume timestamp and how many lines at it were shown. */
  get last(): { nanos: bigint; count: number } | undefined {
    return this.timestamp ? { nanos: this.timestamp.nanos, count: this.countAtTimestamp } : undefined;
  }
}

export class ResumeSession {
  private readonly resumeFrom: bigint | undefined;
  private skipAtResume: number;
  private resuming: boolean;
  /** Lines this session let through. */
  admitted = 0;

  constructor(private readonly point: ResumePoint) {
    const last = point.last;
    this.resumeFrom = last?.nanos;
    this.skipAtResume = last?.count ?? 0;
    this.resuming = last !== undefined;
  }

  /** True if the line is new and should be shown; records it as shown. */
  admit(line: LogLine): boolean {
    const ts = line.timestamp;
    if (ts && this.resuming && this.resumeFrom !== undefined) {
      // Only the start of a resumed request repeats lines; once past the resume point, all is new.
      if (ts.nanos < this.resumeFrom) return false;
      if (ts.nanos === this.resumeFrom && this.skipAtResume > 0) {
        this.skipAtResume--;
        return false;
      }
      this.resuming = false;
    }
    if (ts) this.point.shown(ts);
    this.admitted++;
    return true;
  }
}
