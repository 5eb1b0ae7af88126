import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PullProgress, type PullEvent, type PullStatus } from '../../../src/images/pullProgress';
import { fixturePath } from '../../support/paths';

// Recorded from the test engine pulling from the local registry (see test/fixtures/actions/README.md).
function events(name: string): PullEvent[] {
  return readFileSync(fixturePath('actions', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PullEvent);
}

function replay(name: string): PullStatus[] {
  const progress = new PullProgress();
  return events(name).map((e) => progress.push(e));
}

describe('PullProgress', () => {
  it('aggregates a real pull of three layers (one already present) into one rising percentage', () => {
    const statuses = replay('pull-fresh.jsonl');
    assert.equal(statuses[0].percent, undefined, 'no layer known yet');
    assert.equal(statuses[0].layersTotal, 0);
    // Lines 2-4 only announce layers (one already present): no percentage yet, not a premature 100%.
    assert.deepEqual(statuses.slice(1, 4).map((s) => [s.percent, s.layersDone, s.layersTotal]), [[undefined, 1, 1], [undefined, 1, 2], [undefined, 1, 3]]);
    assert.equal(statuses[3].message, 'Preparing (1/3 layers)');
    let previous = 0;
    for (const s of statuses) {
      if (s.percent === undefined) continue;
      assert.ok(s.percent >= previous, `percent ${s.percent} fell below ${previous}`);
      assert.ok(s.percent <= 100);
      previous = s.percent;
    }
    const last = statuses[statuses.length - 1];
    assert.equal(last.percent, 100);
    assert.equal(last.layersDone, 3);
    assert.equal(last.layersTotal, 3);
    assert.match(last.message, /^Downloaded newer image for 127\.0\.0\.1:5000\/berth-test\/fixture-pull-\d+:latest$/);
    assert.equal(last.error, undefined);
  });

  it('weighs layers by size, with unknown sizes at the average of the known ones', () => {
    const statuses = replay('pull-fresh.jsonl');
    // After line 6: the existing layer is done, the 6.1 MB layer at 69213 B and the 1.5 MB one at 32768 B.
    const s = statuses[5];
    const known = [6146033, 1536654];
    const average = (known[0] + known[1]) / 2;
    const expected = (100 * (average + 0.5 * 69213 + 0.5 * 32768)) / (average + known[0] + known[1]);
    assert.equal(s.percent, Math.round(expected * 10) / 10);
    assert.equal(s.layersDone, 1);
    assert.equal(s.layersTotal, 3);
    assert.equal(s.message, 'Downloading 102 kB of 7.7 MB (1/3 layers)');
  });

  it('reports extraction once downloads are complete', () => {
    const statuses = replay('pull-fresh.jsonl');
    // Line 9 is the first "Extracting" of the big layer.
    assert.equal(statuses[8].message, 'Extracting (1/3 layers)');
    assert.ok((statuses[8].percent ?? 0) > 50);
  });

  it('finishes at 100% when the image was already up to date, with no layers', () => {
    const statuses = replay('pull-up-to-date.jsonl');
    assert.deepEqual(statuses[0], { percent: undefined, message: 'Pulling', layersDone: 0, layersTotal: 0 });
    const last = statuses[statuses.length - 1];
    assert.equal(last.percent, 100);
    assert.match(last.message, /^Image is up to date for /);
  });

  it('surfaces an error inside the stream with the engine message', () => {
    const statuses = replay('pull-layer-error.jsonl');
    const last = statuses[statuses.length - 1];
    assert.match(last.error ?? '', /^filesystem layer verification failed for digest sha256:5026a4e87cc7/);
    assert.equal(last.message, last.error);
    assert.ok(statuses.slice(0, -1).every((s) => s.error === undefined));
  });

  it('copes with progress lines that lack totals and with unknown statuses', () => {
    const progress = new PullProgress();
    progress.push({ status: 'Pulling fs layer', id: 'a' });
    const s1 = progress.push({ status: 'Downloading', id: 'a', progressDetail: { current: 10 } });
    assert.equal(s1.percent, 0);
    assert.equal(s1.message, 'Downloading (0/1 layers)');
    progress.push({ status: 'Retrying in 5 seconds', id: 'a' });
    const s2 = progress.push({ status: 'Pull complete', id: 'a' });
    assert.equal(s2.percent, 100);
    assert.equal(s2.layersDone, 1);
    const s3 = progress.push({ error: 'only error text' });
    assert.equal(s3.error, 'only error text');
  });
});
