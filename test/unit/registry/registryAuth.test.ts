import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { authForRegistry, credentialHelperFor, DOCKER_HUB_SERVER } from '../../../src/registry/registryAuth';
import { fixturePath } from '../../support/paths';

const config = readFileSync(fixturePath('actions', 'docker-config.json'), 'utf8');
const hubDockerIo = readFileSync(fixturePath('actions', 'docker-config-hub-docker-io.json'), 'utf8');
const hubIndex = readFileSync(fixturePath('actions', 'docker-config-hub-index.json'), 'utf8');

describe('authForRegistry', () => {
  it('decodes the base64 auth form for Docker Hub, keeping colons in the password', () => {
    assert.deepEqual(authForRegistry(undefined, config), { username: 'hubuser', password: 'hub:pass:with:colons', serveraddress: DOCKER_HUB_SERVER });
  });

  it('treats docker.io, index.docker.io and the v1 URL as the same registry', () => {
    for (const name of [undefined, 'docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      assert.equal(authForRegistry(name, config)?.username, 'hubuser', String(name));
      assert.equal(authForRegistry(name, hubDockerIo)?.username, 'shortkey', String(name));
      assert.equal(authForRegistry(name, hubIndex)?.username, 'indexuser', String(name));
    }
    assert.deepEqual(authForRegistry(undefined, hubDockerIo), { username: 'shortkey', password: 'pw1', serveraddress: DOCKER_HUB_SERVER });
    assert.deepEqual(authForRegistry('docker.io', hubIndex), { username: 'indexuser', password: 'pw2', serveraddress: DOCKER_HUB_SERVER });
  });

  it('reads the username/password form', () => {
    assert.deepEqual(authForRegistry('registry.example.com', config), { username: 'alice', password: 'wonderland', serveraddress: 'registry.example.com' });
  });

  it('matches keys written with a scheme, by host and port', () => {
    assert.deepEqual(authForRegistry('127.0.0.1:5000', config), { username: 'local', password: 'secret', serveraddress: '127.0.0.1:5000' });
    assert.equal(authForRegistry('127.0.0.1:5001', config), undefined);
  });

  it('passes an identity token on', () => {
    assert.deepEqual(authForRegistry('ghcr.io', config), { username: 'octo', identitytoken: 'ghcr-refresh-token', serveraddress: 'ghcr.io' });
  });

  it('has nothing for unknown registries, empty or malformed entries, or unreadable files', () => {
    assert.equal(authForRegistry('quay.io', config), undefined);
    assert.equal(authForRegistry('empty.example.com', config), undefined);
    assert.equal(authForRegistry('broken.example.com', config), undefined);
    assert.equal(authForRegistry(undefined, undefined), undefined);
    assert.equal(authForRegistry(undefined, '{ not json'), undefined);
    assert.equal(authForRegistry(undefined, '{"auths": null}'), undefined);
    assert.equal(authForRegistry('registry.example.com', hubDockerIo), undefined);
  });
});

describe('credentialHelperFor', () => {
  it('names the per-registry helper, else the default store', () => {
    assert.equal(credentialHelperFor('gcr.io', config), 'gcloud');
    assert.equal(credentialHelperFor('quay.io', config), 'desktop');
    assert.equal(credentialHelperFor(undefined, hubDockerIo), undefined);
  });
});
