import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locationUriPath, normalisePath, parseLocation, validateEntryName } from '../../../src/files/filePaths';

describe('files URIs', () => {
  const id = 'a0c8f8fb307f65d26f68510603f98124b1ac09adb6487cf106c6443fc85221a8';

  it('round-trips containers and volumes, the root included', () => {
    assert.equal(locationUriPath({ kind: 'container', id }, '/etc/hosts'), `/${id}/etc/hosts`);
    assert.equal(locationUriPath({ kind: 'container', id }, '/'), `/${id}`);
    assert.deepEqual(parseLocation('default', `/${id}/etc/hosts`), { engineKey: 'default', target: { kind: 'container', id }, path: '/etc/hosts' });
    assert.deepEqual(parseLocation('default', `/${id}`), { engineKey: 'default', target: { kind: 'container', id }, path: '/' });
    const path = locationUriPath({ kind: 'volume', name: 'my_vol.1' }, '/a b/ü');
    assert.equal(path, '/volume%3Amy_vol.1/a b/ü');
    assert.deepEqual(parseLocation('ssh-box', decodeURIComponent(path)), { engineKey: 'ssh-box', target: { kind: 'volume', name: 'my_vol.1' }, path: '/a b/ü' });
  });

  it('keeps a volume name with slashes or percent signs in one segment', () => {
    const path = locationUriPath({ kind: 'volume', name: 'odd/na%me' }, '/x');
    assert.deepEqual(parseLocation('default', path).target, { kind: 'volume', name: 'odd/na%me' });
  });

  it('rejects what is not a files URI', () => {
    assert.throws(() => parseLocation('', `/${id}`), /Not a Berth files URI/);
    assert.throws(() => parseLocation('default', '/'), /Not a Berth files URI/);
  });

  it('normalises paths without climbing above the root', () => {
    assert.equal(normalisePath('a//b/../c/'), '/a/c');
    assert.equal(normalisePath('/../../etc'), '/etc');
    assert.equal(normalisePath(''), '/');
  });

  it('validates new entry names', () => {
    assert.equal(validateEntryName('ok name.txt'), undefined);
    assert.match(validateEntryName('a/b') ?? '', /cannot contain "\/"/);
    assert.match(validateEntryName('..') ?? '', /not a valid name/);
    assert.match(validateEntryName('  ') ?? '', /Enter a name/);
  });
});
