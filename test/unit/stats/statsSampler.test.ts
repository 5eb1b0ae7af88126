import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ASSUMED_STATS_CALL_MS, samplerConcurrency } from '../../../src/docker/statsSampler';

// The sampler itself is exercised against the real engine in test/engine/stats/; this covers the
// arithmetic that decides how many calls it keeps in flight.
describe('samplerConcurrency', () => {
  it('50 containers at a 5 s interval: enough parallel calls to finish each round in time', () => {
    const concurrency = samplerConcurrency(50, 5_000);
    const waves = Math.ceil(50 / concurrency);
    assert.ok(waves * ASSUMED_STATS_CALL_MS <= 5_000, `${concurrency} in flight needs ${waves} waves`);
    assert.equal(concurrency, 25);
  });

  it('a few containers need only a few calls at once', () => {
    assert.equal(samplerConcurrency(1, 5_000), 1);
    assert.equal(samplerConcurrency(3, 5_000), 2);
    assert.equal(samplerConcurrency(0, 5_000), 1);
  });

  it('never exceeds the cap, and an interval shorter than a call means one call per container', () => {
    assert.equal(samplerConcurrency(500, 5_000), 32);
    assert.equal(samplerConcurrency(500, 5_000, 8), 8);
    assert.equal(samplerConcurrency(10, 1_000), 10);
    assert.equal(samplerConcurrency(10, 1_000, 0), 1);
  });
});
