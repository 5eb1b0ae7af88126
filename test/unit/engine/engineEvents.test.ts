import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { EventLineParser } from '../../../src/engine/engineEvents';
import { fixturePath } from '../../support/paths';

describe('EventLineParser (the hub reading /events)', () => {
  const recorded = fs.readFileSync(fixturePath('logs', 'container-events.ndjson'));
  const exact = [...recorded.toString('utf8').matchAll(/"timeNano":(\d+)/g)].map((m) => m[1]);

  it('keeps each timeNano exactly as the engine sent it, whatever the chunking', () => {
    for (const size of [1, 7, 64, recorded.length]) {
      const parser = new EventLineParser();
      const events = [];
      for (let i = 0; i < recorded.length; i += size) events.push(...parser.push(recorded.subarray(i, i + size)));
      assert.deepEqual(events.map((e) => e.timeNanoText), exact, `chunks of ${size}`);
      assert.deepEqual(events.map((e) => e.Action), ['create', 'start', 'die', 'start', 'die', 'destroy']);
    }
    // A double cannot hold it: the number JSON.parse makes is off, the text is not.
    assert.notEqual(String(BigInt(Math.round(new EventLineParser().push(recorded)[0].timeNano ?? 0))), exact[0]);
  });

  it("names Podman's actions as Docker does", () => {
    const [event] = new EventLineParser().push('{"Type":"container","Action":"remove","Actor":{"ID":"abc"},"timeNano":1700000000123456789}\n');
    assert.equal(event.Action, 'destroy');
    assert.equal(event.timeNanoText, '1700000000123456789');
  });
});
