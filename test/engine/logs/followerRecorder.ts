import type { LogFollower } from '../../../src/logs/logFollower';
import type { LogMarker } from '../../../src/logs/logFollowerTypes';
import type { LogStream } from '../../../src/logs/logDemux';

/** stream is known only for followers with keepLines; without, text is the rendered line. */
export type Recorded = { kind: 'line'; stream?: LogStream; text: string; rendered: string } | { kind: 'marker'; marker: LogMarker } | { kind: 'end' };

/** Records everything a follower emits, in order, and lets a test wait for a condition on it. */
export class FollowerRecorder {
  readonly entries: Recorded[] = [];
  /** Batches whose count and text disagree; waitFor() fails on any. */
  readonly problems: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(follower: LogFollower) {
    follower.on('lines', (batch) => {
      const rendered = batch.text.split('\n').slice(0, -1);
      if (rendered.length !== batch.count) this.problems.push(`a batch of ${batch.count} lines rendered ${rendered.length}`);
      if (batch.lines.length > 0) batch.lines.forEach((line, i) => this.add({ kind: 'line', stream: line.stream, text: line.text, rendered: rendered[i] }));
      else rendered.forEach((text) => this.add({ kind: 'line', text, rendered: text }));
    });
    follower.on('marker', (marker) => this.add({ kind: 'marker', marker }));
    follower.on('end', () => this.add({ kind: 'end' }));
  }

  lines(stream?: LogStream): string[] {
    return this.entries.flatMap((e) => (e.kind === 'line' && (!stream || e.stream === stream) ? [e.text] : []));
  }

  markers(): LogMarker[] {
    return this.entries.flatMap((e) => (e.kind === 'marker' ? [e.marker] : []));
  }

  /** A compact transcript: line texts, and markers as "[kind ...]". */
  transcript(): string[] {
    return this.entries.map((e) => {
      if (e.kind === 'line') return e.text;
      if (e.kind === 'end') return '[end]';
      const m = e.marker;
      return m.kind === 'stopped' ? `[stopped ${m.exitCode}]` : m.kind === 'reconnecting' ? '[reconnecting]' : `[${m.kind}]`;
    });
  }

  /** Resolves once `done` holds; the timeout only guards against a hung test. */
  async waitFor(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.problems.length > 0) throw new Error(this.problems.join('; '));
      if (done()) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got:\n${this.transcript().slice(-40).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private add(entry: Recorded): void {
    this.entries.push(entry);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
