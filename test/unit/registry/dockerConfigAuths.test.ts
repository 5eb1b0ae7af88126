import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configuredRegistries, hasLogin, loginServerKey, withLogin, withLogout } from '../../../src/registry/dockerConfigAuths';
import { authForRegistry } from '../../../src/registry/registryAuth';
import { listRegistries, readRegistrySettings } from '../../../src/registry/registryList';

const original = {
  auths: { 'https://index.docker.io/v1/': { auth: 'aHViOnNlY3JldA==' }, 'ghcr.io': {} },
  credHelpers: { 'gcr.io': 'gcloud' },
  currentContext: 'remote',
  psFormat: 'table {{.Names}}',
  proxies: { default: { httpsProxy: 'http://proxy:3128' } },
};

describe('config.json logins', () => {
  it('adds base64 "user:password" and keeps every other key; the result reads back', () => {
    const text = JSON.stringify(withLogin(original, 'registry.example.com:5000', { username: 'alice', password: 'p:w' }), null, '\t');
    const after = JSON.parse(text) as typeof original & { auths: Record<string, { auth?: string }> };
    assert.equal(after.currentContext, 'remote');
    assert.equal(after.psFormat, 'table {{.Names}}');
    assert.deepEqual(after.proxies, original.proxies);
    assert.deepEqual(after.credHelpers, original.credHelpers);
    assert.equal(after.auths['https://index.docker.io/v1/'].auth, 'aHViOnNlY3JldA==');
    assert.deepEqual(authForRegistry('registry.example.com:5000', text), { username: 'alice', password: 'p:w', serveraddress: 'registry.example.com:5000' });
  });

  it('files Docker Hub under its v1 URL and replaces an older entry for the same registry', () => {
    assert.equal(loginServerKey('docker.io'), 'https://index.docker.io/v1/');
    const after = withLogin(original, 'index.docker.io', { username: 'bob', password: 'x' }) as { auths: Record<string, { auth: string }> };
    assert.deepEqual(Object.keys(after.auths).sort(), ['ghcr.io', 'https://index.docker.io/v1/']);
    assert.equal(Buffer.from(after.auths['https://index.docker.io/v1/'].auth, 'base64').toString(), 'bob:x');
  });

  it('writes an empty entry when a credential store keeps the secret', () => {
    const after = withLogin({}, 'http://localhost:5001/') as { auths: Record<string, unknown> };
    assert.deepEqual(after.auths, { 'localhost:5001': {} });
  });

  it('logs out every spelling of the registry, nothing else', () => {
    const config = { ...original, auths: { ...original.auths, 'https://ghcr.io/v2/': { auth: 'eDp5' } } };
    const after = withLogout(config, 'ghcr.io') as typeof original;
    assert.deepEqual(Object.keys(after.auths), ['https://index.docker.io/v1/']);
    assert.equal(hasLogin(after, 'ghcr.io'), false);
    assert.equal(hasLogin(after, 'docker.io'), true);
    assert.equal(after.currentContext, 'remote');
  });
});

describe('registries of the view', () => {
  it('come from auths and credHelpers, each once, Docker Hub as docker.io', () => {
    assert.deepEqual(configuredRegistries(original), ['docker.io', 'ghcr.io', 'gcr.io']);
  });

  it('merge the setting, which names and marks them insecure', () => {
    const { entries, problems } = readRegistrySettings([{ url: 'ghcr.io', name: 'GitHub' }, { url: 'http://10.0.0.5:5000', insecure: false }, { url: '' }, 'x']);
    assert.equal(problems.length, 2);
    assert.deepEqual(listRegistries(original, entries), [
      { host: 'docker.io', name: 'docker.io', insecure: false, inDockerConfig: true },
      { host: 'ghcr.io', name: 'GitHub', insecure: false, inDockerConfig: true, listed: true },
      { host: 'gcr.io', name: 'gcr.io', insecure: false, inDockerConfig: true },
      { host: '10.0.0.5:5000', name: '10.0.0.5:5000', insecure: true, inDockerConfig: false, listed: true },
    ]);
  });

  it('tells a setting that is not an array', () => {
    assert.match(readRegistrySettings({ url: 'x' }).problems[0], /must be an array/);
  });
});
