import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLineParser } from '../../../src/engine/engineEvents';
import { dockerEventName, eventFilterNames } from '../../../src/engine/eventNames';

describe('event names across engines', () => {
  it("asks for Podman's own names beside Docker's in event filters", () => {
    assert.deepEqual(eventFilterNames(['start', 'destroy']), ['start', 'destroy', 'remove']);
    assert.deepEqual(eventFilterNames(['die', 'die']), ['die', 'died']);
  });

  it("reads Podman's remove as Docker's destroy everywhere events are parsed", () => {
    assert.equal(dockerEventName('remove'), 'destroy');
    assert.equal(dockerEventName('start'), 'start');
    // A line as Podman 4.3 sends it.
    const [event] = new EventLineParser().push('{"status":"remove","id":"5df9","Type":"container","Action":"remove","Actor":{"ID":"5df9","Attributes":{}},"time":1796007585}\n');
    assert.equal(event.Action, 'destroy');
  });
});
