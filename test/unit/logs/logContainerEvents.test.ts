import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { EventLineParser, type EngineEvent, type EngineEventHub } from '../../../src/engine/engineEvents';
import { Signal } from '../../../src/engine/signal';
import { LifecycleWaiter, parseLifecycleEvent, readLifecycleEvents } from '../../../src/logs/logContainerEvents';
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

describe('LifecycleWaiter on the engine hub', () => {
  const recorded = logFixture('container-events.ndjson');
  const events = new EventLineParser().push(recorded);
  const id = events[0].Actor?.ID ?? '';

  function hub(): EngineEventHub {
    return { onEvent: new Signal<EngineEvent>(), onResynced: new Signal<void>() };
  }

  it('keeps the container starts and removal that came before it was asked, in order', async () => {
    const source = hub();
    const waiter = new LifecycleWaiter(source, id);
    for (const event of events) source.onEvent.emit(event);
    const signal = new AbortController().signal;
    assert.deepEqual([await waiter.next(signal), await waiter.next(signal), await waiter.next(signal)], ['start', 'start', 'destroy']);
    waiter.dispose();
  });

  it('passes over other containers, and matches the full ID once it is known', async () => {
    const source = hub();
    const waiter = new LifecycleWaiter(source, 'berth-test-evfix');
    source.onEvent.emit(events[1]);
    source.onResynced.emit();
    const signal = new AbortController().signal;
    // Given a name, the waiter cannot tell the event was its container's until it knows the ID.
    assert.equal(await waiter.next(signal), 'resynced');
    waiter.knowAs(id);
    source.onEvent.emit({ ...events[1], Actor: { ID: 'another', Attributes: {} }, id: 'another' });
    source.onEvent.emit(events[5]);
    assert.equal(await waiter.next(signal), 'destroy');
    waiter.dispose();
  });

  it('ends a wait on a resync, and rejects once stopped', async () => {
    const source = hub();
    const waiter = new LifecycleWaiter(source, id);
    const stop = new AbortController();
    const waiting = waiter.next(stop.signal);
    source.onResynced.emit();
    assert.equal(await waiting, 'resynced');
    const stopped = waiter.next(stop.signal);
    stop.abort();
    await assert.rejects(stopped, /stopped following/);
    waiter.dispose();
  });
});
