import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { LogCoalescer } from '../../../src/logs/logCoalescer';

describe('LogCoalescer', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  function make(options: { highWaterMark?: number; lowWaterMark?: number; onFlush?: (batch: string[]) => void | Promise<void> } = {}) {
    const batches: string[][] = [];
    const signals: string[] = [];
    const coalescer = new LogCoalescer<string>({
      intervalMs: 200,
      highWaterMark: options.highWaterMark,
      lowWaterMark: options.lowWaterMark,
      sizeOf: (s) => s.length,
      onFlush: options.onFlush ?? ((batch) => void batches.push(batch)),
      onPause: () => signals.push('pause'),
      onResume: () => signals.push('resume'),
    });
    return { coalescer, batches, signals };
  }

  it('delivers lines pushed together as one batch', () => {
    const { coalescer, batches } = make();
    coalescer.push('a');
    coalescer.push('b', 'c');
    assert.deepEqual(batches, []);
    mock.timers.tick(0);
    assert.deepEqual(batches, [['a', 'b', 'c']]);
  });

  it('flushes at most once per interval', () => {
    const { coalescer, batches } = make();
    coalescer.push('1');
    mock.timers.tick(0);
    coalescer.push('2');
    mock.timers.tick(50);
    coalescer.push('3');
    mock.timers.tick(100);
    assert.deepEqual(batches, [['1']], 'the second batch waits for the interval');
    mock.timers.tick(50);
    assert.deepEqual(batches, [['1'], ['2', '3']]);
    mock.timers.tick(1000);
    assert.equal(batches.length, 2, 'nothing more to deliver');
  });

  it('asks the producer to pause above the high-water mark and resumes after a flush', () => {
    const { coalescer, batches, signals } = make({ highWaterMark: 10 });
    assert.equal(coalescer.push('12345'), true);
    assert.equal(coalescer.push('67890'), true, 'exactly at the mark is still fine');
    assert.equal(coalescer.push('x'), false);
    assert.equal(coalescer.paused, true);
    assert.equal(coalescer.push('y'), false);
    assert.deepEqual(signals, ['pause'], 'pause is signalled once');
    mock.timers.tick(0);
    assert.deepEqual(batches, [['12345', '67890', 'x', 'y']]);
    assert.deepEqual(signals, ['pause', 'resume']);
    assert.equal(coalescer.paused, false);
    assert.equal(coalescer.push('z'), true);
  });

  it('lets a producer without a stream wait for the resume', async () => {
    const { coalescer, batches } = make({ highWaterMark: 2 });
    await coalescer.whenResumed();
    coalescer.push('abc');
    let resumed = false;
    const waiting = coalescer.whenResumed().then(() => (resumed = true));
    await Promise.resolve();
    assert.equal(resumed, false);
    mock.timers.tick(0);
    await waiting;
    assert.equal(resumed, true);
    assert.deepEqual(batches, [['abc']]);
  });

  it('stays paused while a slow consumer holds its batch', async () => {
    let release: () => void = () => undefined;
    const delivered: string[][] = [];
    const { coalescer, signals } = make({
      highWaterMark: 3,
      onFlush: (batch) => {
        delivered.push(batch);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    coalescer.push('ab');
    mock.timers.tick(0);
    assert.deepEqual(delivered, [['ab']]);
    coalescer.push('cd', 'ef');
    assert.equal(coalescer.paused, true);
    mock.timers.tick(10_000);
    assert.equal(delivered.length, 1, 'no new batch while the first is unfinished');
    assert.equal(coalescer.size, 4);
    release();
    await Promise.resolve();
    await Promise.resolve();
    // Still above the low-water mark (1) until the next batch goes out.
    assert.deepEqual(signals, ['pause']);
    mock.timers.tick(200);
    assert.deepEqual(delivered, [['ab'], ['cd', 'ef']]);
    release();
    await Promise.resolve();
    await Promise.resolve();
    assert.deepEqual(signals, ['pause', 'resume']);
  });

  it('flush() delivers immediately and close() refuses more', async () => {
    const { coalescer, batches } = make();
    coalescer.push('1');
    await coalescer.flush();
    assert.deepEqual(batches, [['1']]);
    coalescer.push('2');
    await coalescer.close();
    assert.deepEqual(batches, [['1'], ['2']]);
    assert.equal(coalescer.push('3'), false);
    mock.timers.tick(1000);
    assert.equal(batches.length, 2);
  });
});
