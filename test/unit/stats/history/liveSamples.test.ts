import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSamples } from '../../../../src/stats/history/liveSamples';
import { sample } from './historySupport';

describe('LiveSamples', () => {
  it('keeps the last window per container, oldest first', () => {
    const live = new LiveSamples(10_000);
    for (let t = 0; t <= 20_000; t += 5_000) live.add(sample('a', t), t);
    live.add(sample('b', 20_000), 20_000);
    assert.deepEqual(live.since('a', 0).map((s) => s.timestamp), [10_000, 15_000, 20_000]);
    assert.deepEqual(live.since('a', 12_000).map((s) => s.timestamp), [15_000, 20_000]);
    assert.equal(live.latest('b')?.timestamp, 20_000);
    assert.deepEqual(live.since('missing', 0), []);
  });

  it('a late sample is put in time order; a container with nothing recent is forgotten', () => {
    const live = new LiveSamples(10_000);
    live.add(sample('a', 5_000), 5_000);
    live.add(sample('a', 3_000), 5_000);
    assert.deepEqual(live.since('a', 0).map((s) => s.timestamp), [3_000, 5_000]);
    live.add(sample('b', 30_000), 30_000);
    assert.equal(live.latest('a'), undefined);
    live.forget('b');
    assert.equal(live.latest('b'), undefined);
  });
});
