import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { pushImage, tagForPush } from '../../../src/images/imagePush';
import type { PullStatus } from '../../../src/images/pullProgress';
import { readDockerConfigText, resolveRegistryAuth } from '../../../src/registry/credentialHelper';
import { RegistryClient } from '../../../src/registry/registryClient';
import { registryClientFor } from '../../../src/registry/registryList';
import { logIn, logOut } from '../../../src/registry/registryLogin';
import { deleteTag, loadTagDetails } from '../../../src/registry/registryTags';
import { engineSkip, TEST_AUTH_PASSWORD, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_IMAGE, TEST_RUN_ID, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { engineTestObjects, TestObjects } from '../../support/testObjects';
import { imageRef } from '../../support/imageRefs';

describe('authenticated registry: login, push, browse, delete', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let configDir: string;
  const repository = `berth-test/push-${TEST_RUN_ID}`;
  const target = imageRef(`${TEST_AUTH_REGISTRY}/${repository}:v1`);
  const pushed: string[] = [];
  let pushedDigest: string | undefined;

  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_CONFIG: configDir });
  const loggedInClient = (pageSize?: number): RegistryClient =>
    new RegistryClient({ registry: TEST_AUTH_REGISTRY, credentials: { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD }, pageSize });

  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-docker-config-'));
    // Keys `docker login` must leave alone.
    await fs.writeFile(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'default', proxies: { default: { httpProxy: '' } }, auths: { 'other.example.com': { auth: 'b3RoZXI6c2VjcmV0' } } }));
    await tagForPush(testClient(), TEST_IMAGE, target);
    objects.images.add(target.full);
  });

  after(async () => {
    const client = loggedInClient();
    for (const digest of pushed) await deleteTag(client, repository, digest).catch(() => undefined);
    await objects?.cleanup();
    if (configDir) await fs.rm(configDir, { recursive: true, force: true });
  });

  it('refuses a wrong password with the registry reason and writes nothing', async () => {
    await assert.rejects(logIn(configDir, { server: TEST_AUTH_REGISTRY, username: TEST_AUTH_USER, password: 'wrong' }, env()), /unauthorized|authentication required/i);
    const config = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.auths), ['other.example.com']);
  });

  it('pushing without credentials fails with the registry reason', async () => {
    await assert.rejects(pushImage(testClient(), target, {}), (err: Error) => {
      assert.match(err.message, /no basic auth credentials|unauthorized|authentication required/i);
      return true;
    });
  });

  it('logs in: checked against the registry, stored base64 in config.json with a plain-text warning, other keys kept', async () => {
    const result = await logIn(configDir, { server: TEST_AUTH_REGISTRY, username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD }, env());
    assert.match(result.plainTextWarning ?? '', /unencrypted/);
    const config = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as Record<string, unknown> & { auths: Record<string, { auth: string }> };
    assert.equal(config.currentContext, 'default');
    assert.deepEqual(config.proxies, { default: { httpProxy: '' } });
    assert.equal(config.auths['other.example.com'].auth, 'b3RoZXI6c2VjcmV0');
    assert.equal(Buffer.from(config.auths[TEST_AUTH_REGISTRY].auth, 'base64').toString(), `${TEST_AUTH_USER}:${TEST_AUTH_PASSWORD}`);
    assert.equal((await fs.stat(path.join(configDir, 'config.json'))).mode & 0o777, 0o600);
  });

  it('pushes with the credentials found in DOCKER_CONFIG, reporting progress to 100%', async () => {
    const { auth } = await resolveRegistryAuth(TEST_AUTH_REGISTRY, readDockerConfigText(env()), env());
    assert.equal(auth?.username, TEST_AUTH_USER);
    const statuses: PullStatus[] = [];
    pushedDigest = await pushImage(testClient(), target, { auth, onProgress: (s) => statuses.push(s) });
    assert.match(pushedDigest ?? '', /^sha256:[a-f0-9]{64}$/);
    pushed.push(pushedDigest!);
    assert.ok(statuses.length > 0);
    assert.equal(statuses[statuses.length - 1].percent, 100);
    assert.equal(statuses[statuses.length - 1].layersDone, statuses[statuses.length - 1].layersTotal);
  });

  it('lists the repository in the catalog, one-entry pages followed through the Link header', async () => {
    const { client } = await registryClientFor({ host: TEST_AUTH_REGISTRY, insecure: false }, readDockerConfigText(env()), env());
    assert.ok((await client.catalog()).includes(repository));
    const paged = await loggedInClient(1).catalog();
    assert.ok(paged.includes(repository));
    assert.deepEqual(paged, await client.catalog());
  });

  it('lists the tags of the repository', async () => {
    // A second tag on the same manifest; registries that page tags/list need the Link header to find both.
    const v2 = imageRef(`${TEST_AUTH_REGISTRY}/${repository}:v2`);
    await tagForPush(testClient(), TEST_IMAGE, v2);
    objects.images.add(v2.full);
    const { auth } = await resolveRegistryAuth(TEST_AUTH_REGISTRY, readDockerConfigText(env()), env());
    await pushImage(testClient(), v2, { auth });
    assert.deepEqual((await loggedInClient(1).tags(repository)).sort(), ['v1', 'v2']);
  });

  it('loads a tag\'s digest, size, creation time and platform from its manifest and config', async () => {
    const details = await loadTagDetails(loggedInClient(), repository, 'v1');
    const local = await docker.getImage(TEST_IMAGE).inspect();
    assert.equal(details.digest, pushedDigest);
    assert.equal(details.isList, false);
    assert.deepEqual(details.platforms, [`${local.Os}/${local.Architecture}`]);
    assert.equal(new Date(details.created ?? '').getTime(), new Date(local.Created).getTime());
    assert.ok((details.size ?? 0) > 100_000, `size ${details.size}`);
  });

  it('says the registry has nothing for an unknown tag, in its words', async () => {
    await assert.rejects(loadTagDetails(loggedInClient(), repository, 'no-such-tag'), /manifest unknown/);
  });

  it('deletes a tag by its digest, after which the registry lists none', async () => {
    const digest = await deleteTag(loggedInClient(), repository, 'v1');
    assert.equal(digest, pushedDigest);
    const remaining = await loggedInClient().tags(repository).catch((): string[] => []);
    assert.ok(!remaining.includes('v1') && !remaining.includes('v2'), `left: ${remaining.join(', ')}`);
  });

  it('logs out, keeping every other key', async () => {
    await logOut(configDir, TEST_AUTH_REGISTRY, env());
    const config = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as Record<string, unknown> & { auths: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.auths), ['other.example.com']);
    assert.equal(config.currentContext, 'default');
  });

  it('logs in and out through the credential store config.json names', async () => {
    const credDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-creds-'));
    try {
      const helperEnv = { ...env(), BERTH_CRED_DIR: credDir, PATH: `${fixturePath('credentialHelpers')}${path.delimiter}${process.env.PATH ?? ''}` };
      const file = path.join(configDir, 'config.json');
      await fs.writeFile(file, JSON.stringify({ ...JSON.parse(await fs.readFile(file, 'utf8')), credsStore: 'berthfile' }));
      const result = await logIn(configDir, { server: TEST_AUTH_REGISTRY, username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD }, helperEnv);
      assert.equal(result.storedIn, 'docker-credential-berthfile');
      assert.equal(result.plainTextWarning, undefined);
      const text = await fs.readFile(file, 'utf8');
      assert.ok(!text.includes(Buffer.from(`${TEST_AUTH_USER}:${TEST_AUTH_PASSWORD}`).toString('base64')), 'no secret in config.json');
      assert.deepEqual((JSON.parse(text) as { auths: Record<string, unknown> }).auths[TEST_AUTH_REGISTRY], {});
      const { auth } = await resolveRegistryAuth(TEST_AUTH_REGISTRY, text, helperEnv);
      assert.equal(auth?.password, TEST_AUTH_PASSWORD);
      await logOut(configDir, TEST_AUTH_REGISTRY, helperEnv);
      assert.deepEqual(await fs.readdir(credDir), []);
    } finally {
      await fs.rm(credDir, { recursive: true, force: true });
    }
  });
});

describe('registry without deletes', { skip: engineSkip() }, () => {
  it('reports that deleting is disabled, in words', async () => {
    // A digest nothing has: the registry refuses before looking, and nothing could be removed anyway.
    const client = new RegistryClient({ registry: '127.0.0.1:5000' });
    await assert.rejects(deleteTag(client, 'berth-test/busybox', `sha256:${'0'.repeat(64)}`), /does not allow deleting/);
  });
});
