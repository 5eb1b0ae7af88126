import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToPanelMessage, isPanelToHostMessage, isStatsPanelState, isTimeRange, RANGE_MS, TIME_RANGES } from '../../../src/stats/statsProtocol';

describe('stats protocol guards', () => {
  it('accepts exactly the messages a panel may send', () => {
    assert.ok(isPanelToHostMessage({ type: 'ready' }));
    assert.ok(isPanelToHostMessage({ type: 'range', range: '24h' }));
    assert.ok(isPanelToHostMessage({ type: 'open', containerId: 'a'.repeat(64) }));
    assert.ok(isPanelToHostMessage({ type: 'open', containerId: '0123456789ab' }));
  });

  it('drops anything else: unknown types, bad ranges, ids that are not ids, non-objects', () => {
    for (const bad of [
      null,
      undefined,
      'ready',
      42,
      [],
      {},
      { type: 'exec', command: 'rm -rf /' },
      { type: 'range', range: '1y' },
      { type: 'range' },
      { type: 'open', containerId: '../../etc' },
      { type: 'open', containerId: 'short' },
      { type: 'open', containerId: 7 },
    ]) {
      assert.equal(isPanelToHostMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('host messages are checked by shape in the page', () => {
    assert.ok(isHostToPanelMessage({ type: 'series', range: 'live', points: [], recording: true }));
    assert.ok(isHostToPanelMessage({ type: 'append', points: [] }));
    assert.ok(isHostToPanelMessage({ type: 'overview', rows: [], recording: false }));
    assert.ok(isHostToPanelMessage({ type: 'header', header: { id: 'x', name: 'n', image: 'i', state: 'running' } }));
    assert.equal(isHostToPanelMessage({ type: 'series', range: '2d', points: [], recording: true }), false);
    assert.equal(isHostToPanelMessage({ type: 'append' }), false);
    assert.equal(isHostToPanelMessage({ type: 'header', header: 'x' }), false);
    // Messages other extensions' code could post to the page (e.g. VS Code's own) are ignored.
    assert.equal(isHostToPanelMessage({ type: 'focus' }), false);
  });

  it('restores a panel only from a well-formed saved state', () => {
    assert.ok(isStatsPanelState({ containerId: 'abc', range: '7d' }));
    assert.equal(isStatsPanelState({ containerId: '', range: '7d' }), false);
    assert.equal(isStatsPanelState({ containerId: 'abc', range: 'forever' }), false);
    assert.equal(isStatsPanelState(undefined), false);
  });

  it('every range has a window, and ranges grow', () => {
    const windows = TIME_RANGES.map((r) => RANGE_MS[r]);
    assert.deepEqual([...windows].sort((a, b) => a - b), windows);
    assert.equal(RANGE_MS.live, 5 * 60_000);
    assert.equal(RANGE_MS['7d'], 7 * 86_400_000);
    assert.ok(TIME_RANGES.every(isTimeRange));
  });
});
