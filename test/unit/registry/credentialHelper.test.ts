import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseHelperAnswer, resolveRegistryAuth, runCredentialHelper } from '../../../src/registry/credentialHelper';
import { DOCKER_HUB_SERVER } from '../../../src/registry/registryAuth';
import { fixturePath } from '../../support/paths';

// The helper is a real program on PATH speaking the protocol (test/fixtures/credentialHelpers).
const env = { ...process.env, PATH: `${fixturePath('credentialHelpers')}${path.delimiter}${process.env.PATH ?? ''}` };

describe('parseHelperAnswer', () => {
  it('reads a user and secret, or an identity token', () => {
    assert.deepEqual(parseHelperAnswer('{"ServerURL":"r","Username":"u","Secret":"s"}'), { username: 'u', password: 's' });
    assert.deepEqual(parseHelperAnswer('{"ServerURL":"r","Username":"<token>","Secret":"t"}'), { identitytoken: 't' });
  });

  it('has nothing for empty or malformed answers', () => {
    for (const text of ['', 'not json', 'null', '{"Username":"u"}', '{"Username":"","Secret":"s"}', '{"Username":"u","Secret":""}']) {
      assert.equal(parseHelperAnswer(text), undefined, text);
    }
  });
});

describe('runCredentialHelper', { skip: process.platform === 'win32' ? 'the fixture helper is a shell script' : false }, () => {
  it('asks the helper for a server and returns what it holds', async () => {
    assert.deepEqual(await runCredentialHelper('berthtest', 'registry.example.com', env), { username: 'alice', password: 'from-the-store' });
    assert.deepEqual(await runCredentialHelper('berthtest', DOCKER_HUB_SERVER, env), { identitytoken: 'hub-identity-token' });
  });

  it('returns nothing when the store has nothing for the server', async () => {
    assert.equal(await runCredentialHelper('berthtest', 'quay.io', env), undefined);
  });

  it('says what went wrong when the helper fails or is missing', async () => {
    await assert.rejects(runCredentialHelper('berthtest', 'locked.example.com', env), /docker-credential-berthtest failed: error: the keychain is locked/);
    await assert.rejects(runCredentialHelper('nosuchhelper', 'quay.io', env), /credential helper "nosuchhelper", but docker-credential-nosuchhelper is not installed or not on PATH/);
  });
});

describe('resolveRegistryAuth', { skip: process.platform === 'win32' ? 'the fixture helper is a shell script' : false }, () => {
  const config = JSON.stringify({
    auths: { 'registry.example.com': {}, 'other.example.com': { auth: Buffer.from('bob:from-the-file').toString('base64') } },
    credsStore: 'berthtest',
    credHelpers: { 'gcr.io': 'nosuchhelper' },
  });

  it('uses the store, as the docker CLI does, with the Hub address the engine expects', async () => {
    assert.deepEqual(await resolveRegistryAuth('registry.example.com', config, env), { auth: { username: 'alice', password: 'from-the-store', serveraddress: 'registry.example.com' } });
    assert.deepEqual(await resolveRegistryAuth(undefined, config, env), { auth: { identitytoken: 'hub-identity-token', serveraddress: DOCKER_HUB_SERVER } });
  });

  it('falls back to the file when the store has nothing for the registry', async () => {
    assert.deepEqual(await resolveRegistryAuth('other.example.com', config, env), { auth: { username: 'bob', password: 'from-the-file', serveraddress: 'other.example.com' } });
    assert.deepEqual(await resolveRegistryAuth('quay.io', config, env), {});
  });

  it('goes on without credentials, with a warning, when the helper cannot be run', async () => {
    const resolved = await resolveRegistryAuth('gcr.io', config, env);
    assert.equal(resolved.auth, undefined);
    assert.match(resolved.warning ?? '', /docker-credential-nosuchhelper is not installed/);
  });
});
