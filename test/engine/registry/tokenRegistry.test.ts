import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pushImage, tagForPush } from '../../../src/images/imagePush';
import { readDockerConfigText, resolveRegistryAuth } from '../../../src/registry/credentialHelper';
import { RegistryClient } from '../../../src/registry/registryClient';
import { logIn } from '../../../src/registry/registryLogin';
import { deleteTag, loadTagDetails } from '../../../src/registry/registryTags';
import { engineSkip, TEST_AUTH_PASSWORD, TEST_AUTH_USER, TEST_IMAGE, TEST_RUN_ID, TEST_TOKEN_REGISTRY, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';
import { imageRef } from '../../support/imageRefs';

// The Bearer flow: 401 with `WWW-Authenticate: Bearer realm,service[,scope]`, a token from the realm
// (with Basic credentials), then the request again with the token, as Docker Hub and GHCR do it.
describe('token-auth registry (Bearer challenge)', { skip: engineSkip() }, () => {
  let objects: TestObjects;
  let configDir: string;
  const repository = `berth-test/token-${TEST_RUN_ID}`;
  const target = imageRef(`${TEST_TOKEN_REGISTRY}/${repository}:v1`);
  let digest: string | undefined;
  const credentials = { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD };

  before(async () => {
    ({ objects } = await engineTestObjects());
    configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-docker-config-'));
    await tagForPush(testClient(), TEST_IMAGE, target);
    objects.images.add(target.full);
  });

  after(async () => {
    if (digest) await deleteTag(new RegistryClient({ registry: TEST_TOKEN_REGISTRY, credentials }), repository, digest).catch(() => undefined);
    await objects?.cleanup();
    if (configDir) await fs.rm(configDir, { recursive: true, force: true });
  });

  it('refuses a wrong password with the token service\'s reason', async () => {
    await assert.rejects(logIn(configDir, { server: TEST_TOKEN_REGISTRY, ...credentials, password: 'wrong' }), /incorrect username or password/);
  });

  it('logs in through the token service', async () => {
    await logIn(configDir, { server: TEST_TOKEN_REGISTRY, ...credentials });
    const { auth } = await resolveRegistryAuth(TEST_TOKEN_REGISTRY, readDockerConfigText({ DOCKER_CONFIG: configDir }));
    assert.equal(auth?.username, TEST_AUTH_USER);
  });

  it('pushing without credentials fails with the registry reason', async () => {
    await assert.rejects(pushImage(testClient(), target, {}), /unauthorized|authentication required|denied/i);
  });

  it('pushes with credentials, then lists, reads and deletes with tokens scoped per repository', async () => {
    const { auth } = await resolveRegistryAuth(TEST_TOKEN_REGISTRY, readDockerConfigText({ DOCKER_CONFIG: configDir }));
    digest = await pushImage(testClient(), target, { auth });
    assert.match(digest ?? '', /^sha256:/);
    const client = new RegistryClient({ registry: TEST_TOKEN_REGISTRY, credentials });
    assert.ok((await client.catalog()).includes(repository));
    assert.deepEqual(await client.tags(repository), ['v1']);
    const details = await loadTagDetails(client, repository, 'v1');
    assert.equal(details.digest, digest);
    assert.ok((details.size ?? 0) > 0);
    assert.equal(await deleteTag(client, repository, 'v1'), digest);
    digest = undefined;
  });

  it('uses an identity token from a login as OAuth2\'s refresh token', async () => {
    // The rig's token service issues "<password>-identity" as the test user's identity token.
    const withToken = new RegistryClient({ registry: TEST_TOKEN_REGISTRY, credentials: { identitytoken: `${TEST_AUTH_PASSWORD}-identity` } });
    assert.ok(Array.isArray(await withToken.catalog()));
    const stale = new RegistryClient({ registry: TEST_TOKEN_REGISTRY, credentials: { identitytoken: 'revoked' } });
    await assert.rejects(stale.catalog(), /Getting a token from 127\.0\.0\.1:\d+: incorrect username or password/);
  });

  it('anonymous callers get a token without access, and the registry\'s refusal', async () => {
    const anonymous = new RegistryClient({ registry: TEST_TOKEN_REGISTRY });
    await anonymous.check();
    await assert.rejects(anonymous.catalog(), (err: Error & { status?: number }) => {
      assert.equal(err.status, 401);
      assert.match(err.message, /log in first/);
      return true;
    });
  });
});
