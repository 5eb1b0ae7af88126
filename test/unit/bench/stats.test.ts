import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMs, formatRatio, formatSummary, quantile, summarize } from '../../../bench/stats';

describe('quantile', () => {
  it('takes the middle value of an odd count and averages the middle two of an even count', () => {
    assert.equal(quantile([5, 1, 3], 0.5), 3);
    assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  });

  it('interpolates between the closest ranks for p90', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    // rank (20 - 1) * 0.9 = 17.1: between the 18th (18) and 19th (19) values.
    assert.equal(quantile(values, 0.9).toFixed(6), '18.100000');
  });

  it('leaves the input order alone', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    assert.deepEqual(values, [3, 1, 2]);
  });

  it('refuses no values and quantiles outside 0..1', () => {
    assert.throws(() => quantile([], 0.5), /no values/);
    assert.throws(() => quantile([1], 1.5), /outside/);
  });
});

describe('summarize', () => {
  it('reports runs, median, p90, min and max', () => {
    assert.deepEqual(summarize([10, 30, 20, 40, 50]), { runs: 5, medianMs: 30, p90Ms: 46, minMs: 10, maxMs: 50 });
  });
});

describe('formatting', () => {
  it('gives small durations more decimals than large ones', () => {
    assert.equal(formatMs(0.4213), '0.42 ms');
    assert.equal(formatMs(4.213), '4.2 ms');
    assert.equal(formatMs(42.6), '43 ms');
  });

  it('writes a summary as median and p90, and a ratio with two decimals', () => {
    assert.equal(formatSummary({ runs: 3, medianMs: 21.2, p90Ms: 25.7, minMs: 20, maxMs: 26 }), 'median 21 ms, p90 26 ms');
    assert.equal(formatRatio(1.0449), '1.04×');
  });
});
