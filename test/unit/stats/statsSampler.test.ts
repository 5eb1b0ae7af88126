import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { samplerConcurrency } from '../../../src/stats/statsSampler';

// The sampler itself is exercised against the real engine in test/engine/stats/; this covers the
// arithmetic that decides how many calls it keeps in flight.
describe('samplerConcurrency', () => {
  it('keeps one call in flight per container, so 50 containers are all sampled within one interval', () => {
    assert.equal(samplerConcurrency(50), 50);
    assert.equal(samplerConcurrency(3), 3);
  });

  it('never goes below one or above the cap', () => {
    assert.equal(samplerConcurrency(0), 1);
    assert.equal(samplerConcurrency(500), 64);
    assert.equal(samplerConcurrency(500, 8), 8);
    assert.equal(samplerConcurrency(10, 0), 1);
  });
});
