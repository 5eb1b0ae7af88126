import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyLevels, findCycles, withDependencies } from '../../../src/compose/composeDeps';

describe('dependencyLevels', () => {
  it('puts independent services in the same level', () => {
    const graph = { web: ['api'], api: ['db', 'cache'], db: [], cache: [], worker: ['db'] };
    assert.deepEqual(dependencyLevels(graph), { levels: [['db', 'cache'], ['api', 'worker'], ['web']], unplaced: [] });
  });

  it('ignores dependencies outside the graph and leaves cycles unplaced', () => {
    assert.deepEqual(dependencyLevels({ a: ['gone'], b: ['c'], c: ['b'], d: ['d'] }), { levels: [['a']], unplaced: ['b', 'c', 'd'] });
  });
});

describe('findCycles', () => {
  it('reports each cycle once as a closed path', () => {
    assert.deepEqual(findCycles({ a: ['b'], b: ['c'], c: ['a'] }), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles({ a: ['a'] }), [['a', 'a']]);
    assert.deepEqual(findCycles({ a: ['b'], b: [] }), []);
    assert.deepEqual(findCycles({ x: ['y'], y: ['x', 'z'], z: ['y'] }), [['x', 'y', 'x'], ['y', 'z', 'y']]);
  });
});

describe('withDependencies', () => {
  it('adds what the chosen services need, in graph order', () => {
    const graph = { web: ['api'], api: ['db'], db: [], other: [] };
    assert.deepEqual(withDependencies(graph, ['web']), ['web', 'api', 'db']);
    assert.deepEqual(withDependencies(graph, ['nope']), []);
  });
});
