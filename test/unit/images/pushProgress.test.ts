import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PullProgress, type PullEvent, type PullStatus } from '../../../src/images/pullProgress';
import { fixturePath } from '../../support/paths';

// Recorded from the test engine pushing a new 3 MB layer to the rig's authenticated registry.
function events(): PullEvent[] {
  return readFileSync(fixturePath('registry', 'pushStream.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PullEvent);
}

describe('push progress', () => {
  it('counts uploading as the whole of a layer and ends at 100%', () => {
    const progress = new PullProgress('push');
    const statuses: PullStatus[] = events().map((e) => progress.push(e));
    const uploading = statuses.filter((s) => s.message.startsWith('Uploading'));
    assert.ok(uploading.length > 0, 'bytes were reported');
    assert.match(uploading[0].message, /^Uploading .* of .* \(0\/1 layers\)$/);
    const percents = statuses.map((s) => s.percent).filter((p): p is number => p !== undefined);
    percents.forEach((p, i) => assert.ok(i === 0 || p >= percents[i - 1]));
    // The last bytes come before "Pushed": uploading alone can reach (nearly) 100%, not 50%.
    assert.ok(uploading[uploading.length - 1].percent! > 50);
    const last = statuses[statuses.length - 1];
    assert.equal(last.percent, 100);
    assert.deepEqual([last.layersDone, last.layersTotal], [1, 1]);
  });

  it('treats layers the registry has or mounts as done', () => {
    const progress = new PullProgress('push');
    progress.push({ status: 'Preparing', id: 'a' });
    progress.push({ status: 'Preparing', id: 'b' });
    progress.push({ status: 'Layer already exists', id: 'a' });
    const last = progress.push({ status: 'Mounted from berth-test/other', id: 'b' });
    assert.equal(last.percent, 100);
    assert.equal(last.layersDone, 2);
  });

  it('carries the registry\'s refusal', () => {
    const status = new PullProgress('push').push({ errorDetail: { message: 'denied: requested access to the resource is denied' }, error: 'denied: requested access to the resource is denied' });
    assert.equal(status.error, 'denied: requested access to the resource is denied');
  });
});
