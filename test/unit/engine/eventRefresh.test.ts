import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineEvent } from '../../../src/engine/engineEvents';
import { containerExpectations, unreflectedEvents } from '../../../src/engine/eventRefresh';
import type { ContainerInfo } from '../../../src/engine/listings';

const event = (Action: string, id: string): EngineEvent => ({ Type: 'container', Action, Actor: { ID: id } });

function container(id: string, state: ContainerInfo['state']): ContainerInfo {
  return { id, name: id, image: 'i', imageId: 'sha256:i', command: '', state, status: '', health: undefined, created: 0, labels: {}, ports: [], networkIds: [], volumeNames: [] };
}

describe('containerExpectations', () => {
  it('keeps the last state-changing event of each container', () => {
    const expected = containerExpectations([event('create', 'a'), event('start', 'a'), event('die', 'a'), event('start', 'b'), event('exec_start: sh', 'b')]);
    assert.deepEqual([...expected], [['a', 'stopped'], ['b', 'running']]);
  });
});

describe('unreflectedEvents', () => {
  it('reports a container the list still shows running after its die event (dockerd announces die first)', () => {
    const events = [event('start', 'a'), event('die', 'a')];
    assert.deepEqual(unreflectedEvents(events, [container('a', 'running')]), events);
    assert.deepEqual(unreflectedEvents(events, [container('a', 'exited')]), []);
  });

  it('expects a destroyed container to be gone and a paused one paused', () => {
    assert.equal(unreflectedEvents([event('destroy', 'a')], [container('a', 'exited')]).length, 1);
    assert.equal(unreflectedEvents([event('destroy', 'a')], []).length, 0);
    assert.equal(unreflectedEvents([event('pause', 'b')], [container('b', 'running')]).length, 1);
  });
});
