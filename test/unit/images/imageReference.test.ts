import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference, repositoryName } from '../../../src/images/imageReference';

const SHA = 'sha256:' + 'a'.repeat(64);

describe('parseImageReference', () => {
  const valid: [string, { registry?: string; repository: string; tag?: string; digest?: string; full: string }][] = [
    ['nginx', { repository: 'nginx', full: 'nginx:latest' }],
    ['nginx:1.27-alpine', { repository: 'nginx', tag: '1.27-alpine', full: 'nginx:1.27-alpine' }],
    ['library/nginx', { repository: 'nginx', full: 'nginx:latest' }],
    ['docker.io/library/nginx:stable', { repository: 'nginx', tag: 'stable', full: 'nginx:stable' }],
    ['index.docker.io/bitnami/redis', { repository: 'bitnami/redis', full: 'bitnami/redis:latest' }],
    ['bitnami/redis:7.2', { repository: 'bitnami/redis', tag: '7.2', full: 'bitnami/redis:7.2' }],
    ['127.0.0.1:5000/berth-test/busybox:latest', { registry: '127.0.0.1:5000', repository: 'berth-test/busybox', tag: 'latest', full: '127.0.0.1:5000/berth-test/busybox:latest' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', full: 'localhost/app:latest' }],
    ['localhost:5000/a/b/c', { registry: 'localhost:5000', repository: 'a/b/c', full: 'localhost:5000/a/b/c:latest' }],
    ['Registry.Example.com/team/app', { registry: 'Registry.Example.com', repository: 'team/app', full: 'Registry.Example.com/team/app:latest' }],
    ['my_app__v2.x-y---z', { repository: 'my_app__v2.x-y---z', full: 'my_app__v2.x-y---z:latest' }],
    ['app:_Tag.1-X', { repository: 'app', tag: '_Tag.1-X', full: 'app:_Tag.1-X' }],
    [`app@${SHA}`, { repository: 'app', digest: SHA, full: `app@${SHA}` }],
    [`quay.io/org/app:v1@${SHA}`, { registry: 'quay.io', repository: 'org/app', tag: 'v1', digest: SHA, full: `quay.io/org/app:v1@${SHA}` }],
    [`app@sha512:${'b'.repeat(128)}`, { repository: 'app', digest: `sha512:${'b'.repeat(128)}`, full: `app@sha512:${'b'.repeat(128)}` }],
    ['  nginx  ', { repository: 'nginx', full: 'nginx:latest' }],
    ['[::1]:5000/app', { registry: '[::1]:5000', repository: 'app', full: '[::1]:5000/app:latest' }],
  ];
  for (const [text, expected] of valid) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      const result = parseImageReference(text);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.deepEqual(result.ref, expected);
    });
  }

  it('refuses upper case in the repository path with the lowercase message', () => {
    assert.deepEqual(parseImageReference('MyApp'), { ok: false, message: "Image references must be lowercase: 'MyApp'" });
    assert.deepEqual(parseImageReference('ghcr.io/Owner/app'), { ok: false, message: "Image references must be lowercase: 'ghcr.io/Owner/app'" });
    // Without '.', ':' or "localhost" the first component is a path, so it must be lowercase too.
    assert.equal(parseImageReference('MyRegistry/app').ok, false);
  });

  const invalid: [string, RegExp][] = [
    ['foo:bar:baz', /^'foo:bar:baz' is not a valid image reference: only one ':' may follow the repository name/],
    ['', /^Enter an image reference/],
    ['   ', /^Enter an image reference/],
    ['my app', /it contains spaces/],
    ['app:', /the tag '' must start with/],
    ['app:-x', /the tag '-x' must start with a letter, digit or '_'/],
    [`app:${'t'.repeat(129)}`, /at most 128 characters/],
    ['a//b', /empty component/],
    ['/app', /empty component/],
    ['app/', /empty component/],
    ['-app', /'-app' may only contain lowercase letters and digits/],
    ['app_', /'app_' may only contain/],
    ['a___b', /'a___b' may only contain/],
    ['a..b', /'a..b' may only contain/],
    ['app@sha256:abc', /a sha256 digest needs exactly 64 lowercase hex digits/],
    [`app@sha256:${'A'.repeat(64)}`, /lowercase hex digits/],
    ['app@latest', /must look like sha256:<64 hex digits>/],
    [`app@${SHA}@${SHA}`, /only one '@'/],
    ['host:port/app', /registry port in 'host:port' must be a number/],
    ['host:99999/app', /registry port in 'host:99999' is out of range/],
    ['bad_host.com/app', /'bad_host.com' is not a valid registry host name/],
    ['-bad.com/app', /is not a valid registry host name/],
    [':tag', /the repository name is missing/],
    [`${'a'.repeat(256)}`, /longer than 255 characters/],
    ['a'.repeat(64).replace(/a/g, 'f'), /image ID, not a repository name/],
  ];
  for (const [text, pattern] of invalid) {
    it(`refuses ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text)}`, () => {
      const result = parseImageReference(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, pattern);
    });
  }

  it('names the whole input in the invalid message', () => {
    const result = parseImageReference('foo:bar:baz');
    assert.ok(!result.ok);
    assert.ok(result.message.startsWith("'foo:bar:baz' is not a valid image reference: "));
  });

  it('gives the repository with its registry for pulling', () => {
    const hub = parseImageReference('docker.io/library/redis:7');
    const local = parseImageReference('127.0.0.1:5000/berth-test/busybox');
    assert.ok(hub.ok && local.ok);
    assert.equal(repositoryName(hub.ref), 'redis');
    assert.equal(repositoryName(local.ref), '127.0.0.1:5000/berth-test/busybox');
  });
});
