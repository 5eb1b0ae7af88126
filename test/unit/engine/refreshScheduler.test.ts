import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLineParser, type EngineEvent } from '../../../src/engine/engineEvents';
import { kindsAffectedBy, RefreshScheduler } from '../../../src/engine/refreshScheduler';

const event = (Type: string, Action: string): EngineEvent => ({ Type, Action, Actor: { ID: 'x' } });

describe('EventLineParser', () => {
  it('joins a JSON line cut across chunks and skips blank lines', () => {
    const parser = new EventLineParser();
    const line = JSON.stringify(event('container', 'start'));
    assert.deepEqual(parser.push(line.slice(0, 10)), []);
    assert.deepEqual(parser.push(line.slice(10) + '\n\n'), [event('container', 'start')]);
  });

  it('returns every event of a chunk holding several lines', () => {
    const parser = new EventLineParser();
    const chunk = [event('image', 'pull'), event('volume', 'create')].map((e) => JSON.stringify(e) + '\n').join('');
    assert.deepEqual(parser.push(chunk), [event('image', 'pull'), event('volume', 'create')]);
  });
});

describe('kindsAffectedBy', () => {
  it('refreshes usage counts when a container comes or goes', () => {
    assert.deepEqual(kindsAffectedBy(event('container', 'destroy')), ['container', 'image', 'volume', 'network']);
  });
  it('ignores exec events and kinds without a view', () => {
    assert.deepEqual(kindsAffectedBy(event('container', 'exec_start: sh')), []);
    assert.deepEqual(kindsAffectedBy(event('plugin', 'enable')), []);
  });
  it('reloads containers too when a network gains or loses one (attachments come from the containers list)', () => {
    assert.deepEqual(kindsAffectedBy(event('network', 'connect')), ['network', 'container']);
    assert.deepEqual(kindsAffectedBy(event('network', 'create')), ['network']);
  });
});

describe('RefreshScheduler', () => {
  it('turns a burst of events into one flush with every kind concerned', async () => {
    const flushes: string[][] = [];
    const scheduler = new RefreshScheduler((kinds) => flushes.push([...kinds].sort()), 10);
    scheduler.onEvent(event('container', 'start'));
    scheduler.onEvent(event('container', 'die'));
    scheduler.onEvent(event('network', 'disconnect'));
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(flushes, [['container', 'network']]);
    scheduler.dispose();
  });

  it('flushes nothing after dispose', async () => {
    const flushes: unknown[] = [];
    const scheduler = new RefreshScheduler((kinds) => flushes.push(kinds), 10);
    scheduler.onEvent(event('image', 'tag'));
    scheduler.dispose();
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(flushes, []);
  });
});
