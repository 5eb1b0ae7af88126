import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesPerSecond, sampleRates } from '../../../src/stats/statsRates';
import type { ContainerSample } from '../../../src/stats/statsMath';

describe('bytesPerSecond', () => {
  it('divides the counter increase by the elapsed seconds', () => {
    assert.equal(bytesPerSecond({ timestamp: 1_000, value: 1_000 }, { timestamp: 6_000, value: 11_000 }), 2_000);
    assert.equal(bytesPerSecond({ timestamp: 0, value: 5 }, { timestamp: 500, value: 5 }), 0);
  });

  it('a counter that went down (reset) gives undefined', () => {
    assert.equal(bytesPerSecond({ timestamp: 0, value: 10_000 }, { timestamp: 5_000, value: 200 }), undefined);
  });

  it('missing values, no previous reading, or time not advancing give undefined', () => {
    assert.equal(bytesPerSecond(undefined, { timestamp: 5_000, value: 200 }), undefined);
    assert.equal(bytesPerSecond({ timestamp: 0, value: undefined }, { timestamp: 5_000, value: 200 }), undefined);
    assert.equal(bytesPerSecond({ timestamp: 0, value: 1 }, { timestamp: 5_000, value: undefined }), undefined);
    assert.equal(bytesPerSecond({ timestamp: 5_000, value: 1 }, { timestamp: 5_000, value: 2 }), undefined);
    assert.equal(bytesPerSecond({ timestamp: 6_000, value: 1 }, { timestamp: 5_000, value: 2 }), undefined);
    assert.equal(bytesPerSecond({ timestamp: 0, value: 1 }, { timestamp: Number.NaN, value: 2 }), undefined);
  });
});

describe('sampleRates', () => {
  const previous: ContainerSample = {
    containerId: 'c', containerName: 'n', timestamp: 10_000,
    networkRxBytes: 1_000, networkTxBytes: 500, blockReadBytes: 0, blockWriteBytes: 4_096,
  };

  it('rates for every counter both samples carry', () => {
    const current: ContainerSample = {
      containerId: 'c', containerName: 'n', timestamp: 12_000,
      networkRxBytes: 3_000, networkTxBytes: 100, blockReadBytes: 8_192,
    };
    assert.deepEqual(sampleRates(previous, current), { networkRxPerSecond: 1_000, blockReadPerSecond: 4_096 });
  });

  it('nothing without a previous sample', () => {
    assert.deepEqual(sampleRates(undefined, previous), {});
  });
});
