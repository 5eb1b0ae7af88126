import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parseLifecycleEvent, readLifecycleEvents } from '../../../src/logs/logContainerEvents';
import { logFixture } from './logFrames';

describe('container lifecycle events', () => {
  const recorded = logFixture('container-events.ndjson').toString('utf8');

  it('parses events recorded from the engine, keeping timeNano exact', () => {
    const events = recorded.split('\n').filter(Boolean).map(parseLifecycleEvent);
    assert.deepEqual(events.map((e) => e?.action), ['create', 'start', 'die', 'start', 'die', 'destroy']);
    assert.deepEqual(events.map((e) => e?.exitCode), [undefined, undefined, 3, undefined, 3, undefined]);
    const firstNano = /"timeNano":(\d+)/.exec(recorded)?.[1];
    assert.equal(events[0]?.timeNanos?.toString(), firstNano);
    // The exact value is beyond a double's precision, which is why it is read as a bigint.
    assert.ok(events[0]?.timeNanos !== undefined && events[0].timeNanos > BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('ignores lines that are not events', () => {
    assert.equal(parseLifecycleEvent('not json'), undefined);
    assert.equal(parseLifecycleEvent('{"foo":1}'), undefined);
  });

  it('reads a stream whose chunks cut lines anywhere', async () => {
    const bytes = Buffer.from(recorded, 'utf8');
    const chunks = [bytes.subarray(0, 17), bytes.subarray(17, 600), bytes.subarray(600, 601), bytes.subarray(601)];
    const actions: string[] = [];
    for await (const event of readLifecycleEvents(Readable.from(chunks))) actions.push(event.action);
    assert.deepEqual(actions, ['create', 'start', 'die', 'start', 'die', 'destroy']);
  });
});
