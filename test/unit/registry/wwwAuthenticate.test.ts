import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWwwAuthenticate } from '../../../src/registry/wwwAuthenticate';

describe('WWW-Authenticate parsing', () => {
  it('reads a Bearer challenge with realm, service and scope', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } },
    ]);
  });

  it('reads the Basic challenge of the htpasswd registry', () => {
    assert.deepEqual(parseWwwAuthenticate('Basic realm="berth-test"'), [{ scheme: 'basic', params: { realm: 'berth-test' } }]);
  });

  it('keeps commas and escaped quotes inside quoted values, and unquoted values', () => {
    const [c] = parseWwwAuthenticate('Bearer realm="https://r.example/t",scope="repository:a/b:pull,push",error=insufficient_scope, note="say \\"hi\\""');
    assert.equal(c.params.scope, 'repository:a/b:pull,push');
    assert.equal(c.params.error, 'insufficient_scope');
    assert.equal(c.params.note, 'say "hi"');
  });

  it('splits several challenges in one header', () => {
    const challenges = parseWwwAuthenticate('Basic realm="proxy", Bearer realm="https://r.example/token",service="r"');
    assert.deepEqual(challenges.map((c) => c.scheme), ['basic', 'bearer']);
    assert.equal(challenges[1].params.service, 'r');
  });

  it('gives nothing for a missing header', () => {
    assert.deepEqual(parseWwwAuthenticate(null), []);
    assert.deepEqual(parseWwwAuthenticate(''), []);
  });
});
