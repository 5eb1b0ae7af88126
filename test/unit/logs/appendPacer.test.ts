import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppendPacer, type AppendRelease } from '../../../src/logs/appendPacer';

/** Lines "line <n>" for n in [from, to), each ending in "\n", as a follower's batch renders them. */
function lines(from: number, to: number): string {
  let text = '';
  for (let n = from; n < to; n++) text += `line ${n}\n`;
  return text;
}

function numbers(text: string): number[] {
  return text.split('\n').filter((l) => l !== '').map((l) => Number(l.slice('line '.length)));
}

/** What a channel would show: line numbers, and a negative entry for each skip marker (minus the count). */
class Channel {
  readonly shown: number[] = [];
  take(release: AppendRelease | undefined): void {
    if (!release) return;
    if (release.skipped > 0) this.shown.push(-release.skipped);
    assert.equal(numbers(release.text).length, release.count, 'count matches the lines in text');
    this.shown.push(...numbers(release.text));
  }
  /** Every line 0..total-1 is either shown once, in order, or counted by the marker standing for its gap. */
  assertAccountsFor(total: number): void {
    let next = 0;
    for (let i = 0; i < this.shown.length; i++) {
      const entry = this.shown[i];
      if (entry < 0) {
        next += -entry;
        assert.ok(i + 1 < this.shown.length && this.shown[i + 1] >= 0, 'a marker is followed by the lines after the gap');
      } else {
        assert.equal(entry, next, `line ${next} comes next`);
        next++;
      }
    }
    assert.equal(next, total, 'every line is shown or counted');
  }
  get markers(): number {
    return this.shown.filter((e) => e < 0).length;
  }
  get lineCount(): number {
    return this.shown.filter((e) => e >= 0).length;
  }
}

describe('AppendPacer', () => {
  it('passes ordinary logs through untouched', () => {
    const pacer = new AppendPacer({ linesPerSecond: 1000, charsPerSecond: 100_000 });
    const channel = new Channel();
    for (let t = 0, n = 0; t < 10_000; t += 250, n += 100) channel.take(pacer.offer(lines(n, n + 100), 100, t));
    assert.equal(pacer.releaseDue(10_000), undefined, 'nothing held');
    assert.equal(channel.markers, 0);
    channel.assertAccountsFor(4000);
  });

  it('shows the newest burst of a sudden flood after a marker counting the rest', () => {
    const pacer = new AppendPacer({ linesPerSecond: 1000, charsPerSecond: 1_000_000 });
    const channel = new Channel();
    channel.take(pacer.offer(lines(0, 5000), 5000, 0));
    assert.equal(channel.lineCount, 0, 'nothing goes out before the decision');
    assert.equal(pacer.releaseDue(0), 0, 'the buckets are full, so the held lines may go at once');
    channel.take(pacer.release(0));
    assert.deepEqual(channel.shown.slice(0, 3), [-4000, 4000, 4001]);
    assert.equal(channel.shown.at(-1), 4999);
    channel.assertAccountsFor(5000);
  });

  it('keeps a sustained flood to the line rate, about one marker a second, accounting for every line', () => {
    const pacer = new AppendPacer({ linesPerSecond: 1000, charsPerSecond: 10_000_000 });
    const channel = new Channel();
    let n = 0;
    // 50,000 lines a second for 20 s, in batches every 250 ms; the sink's timer checks every 50 ms.
    for (let t = 0; t <= 20_000; t += 50) {
      if (t % 250 === 0) {
        channel.take(pacer.offer(lines(n, n + 12_500), 12_500, t));
        n += 12_500;
      }
      channel.take(pacer.release(t));
    }
    channel.take(pacer.release(20_000, true));
    channel.assertAccountsFor(n);
    assert.ok(channel.lineCount <= 1000 * 21 + 1000, `at most the rate plus one burst: ${channel.lineCount}`);
    assert.ok(channel.lineCount >= 1000 * 19, `close to the rate: ${channel.lineCount}`);
    assert.ok(channel.markers >= 15 && channel.markers <= 22, `about one marker a second: ${channel.markers}`);
  });

  it('caps characters as well as lines, keeping whole lines', () => {
    const pacer = new AppendPacer({ linesPerSecond: 100_000, charsPerSecond: 1000 });
    const long = (n: number): string => `line ${n} ${'x'.repeat(90)}\n`;
    let text = '';
    for (let n = 0; n < 50; n++) text += long(n);
    const channel = new Channel();
    channel.take(pacer.offer(text.replace(/ x+\n/g, '\n'), 50, 0));
    assert.equal(channel.lineCount, 50, 'short lines fit the character budget');
    const flood = new AppendPacer({ linesPerSecond: 100_000, charsPerSecond: 1000 });
    assert.deepEqual(flood.offer(text, 50, 0), { skipped: 0, text: '', count: 0 });
    const release = flood.release(0);
    assert.ok(release);
    assert.ok(release.text.length <= 1000, 'no more than a burst of characters');
    assert.ok(release.text.endsWith('\n') && release.text.startsWith('line '), 'whole lines only');
    assert.equal(release.skipped + release.count, 50);
    assert.equal(release.count, Math.floor(1000 / long(49).length));
  });

  it('shows a single line longer than a burst whole, then holds back what follows', () => {
    const pacer = new AppendPacer({ linesPerSecond: 1000, charsPerSecond: 1000 });
    const huge = `${'y'.repeat(5000)}\n`;
    assert.equal(pacer.offer(huge, 1, 0).count, 0);
    const release = pacer.release(0);
    assert.deepEqual(release, { skipped: 0, text: huge, count: 1 });
    // The character bucket is 4,001 in debt: the next line waits until it is full again.
    assert.equal(pacer.offer('next\n', 1, 100).count, 0);
    assert.equal(pacer.releaseDue(100), 4901);
    assert.equal(pacer.release(5000), undefined);
    assert.deepEqual(pacer.release(5001), { skipped: 0, text: 'next\n', count: 1 });
  });

  it('never skips history allowed in full, and paces it instead', () => {
    const pacer = new AppendPacer({ linesPerSecond: 100, charsPerSecond: 10_000 });
    pacer.allowInFull(3000);
    const history = lines(0, 3000);
    const channel = new Channel();
    channel.take(pacer.offer(history, 3000, 0));
    assert.equal(channel.lineCount, 3000);
    // ~30,000 characters at 10,000 a second: the producer is asked to wait out all but one burst.
    const wait = pacer.wait(0);
    assert.ok(wait > 1500 && wait < 3000, `wait ${wait}`);
    // Lines after the history are subject to the limits again.
    channel.take(pacer.offer(lines(3000, 3500), 500, 0));
    channel.take(pacer.release(0));
    channel.assertAccountsFor(3500);
    assert.equal(channel.markers, 1);
  });

  it('takes the allowance from the front of a batch that runs on into a flood', () => {
    const pacer = new AppendPacer({ linesPerSecond: 10, charsPerSecond: 1_000_000 });
    pacer.allowInFull(5);
    const channel = new Channel();
    channel.take(pacer.offer(lines(0, 100), 100, 0));
    assert.deepEqual(channel.shown, [0, 1, 2, 3, 4]);
    channel.take(pacer.release(0));
    channel.assertAccountsFor(100);
    assert.deepEqual(channel.shown.slice(5, 7), [-85, 90]);
  });

  it('releases what it holds at once when forced (a marker or the end of following)', () => {
    const pacer = new AppendPacer({ linesPerSecond: 10, charsPerSecond: 1_000_000 });
    const channel = new Channel();
    channel.take(pacer.offer(lines(0, 10), 10, 0));
    channel.take(pacer.offer(lines(10, 15), 5, 100));
    assert.equal(pacer.release(100), undefined, 'not due yet');
    channel.take(pacer.release(100, true));
    channel.assertAccountsFor(15);
    assert.equal(pacer.releaseDue(100), undefined);
  });

  it('rejects limits that are not positive', () => {
    assert.throws(() => new AppendPacer({ linesPerSecond: 0, charsPerSecond: 1 }), RangeError);
    assert.throws(() => new AppendPacer({ linesPerSecond: 1, charsPerSecond: -1 }), RangeError);
    assert.throws(() => new AppendPacer({ linesPerSecond: 1, charsPerSecond: 1, burstMs: 0 }), RangeError);
  });
});
