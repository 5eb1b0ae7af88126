import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { baseImageRegistries } from '../../../src/build/baseImages';
import { parseDockerfile } from '../../../src/build/dockerfileParse';
import { buildImage } from '../../../src/build/imageBuild';
import { pushImage, tagForPush } from '../../../src/images/imagePush';
import { resolveRegistryAuth } from '../../../src/registry/credentialHelper';
import type { RegistryAuth } from '../../../src/registry/registryAuth';
import { RegistryClient } from '../../../src/registry/registryClient';
import { deleteTag } from '../../../src/registry/registryTags';
import { engineSkip, TEST_AUTH_PASSWORD, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_IMAGE, TEST_LABELS, TEST_RUN_ID, testClient } from '../../support/engineHarness';
import { imageRef } from '../../support/imageRefs';
import { engineTestObjects, type TestObjects } from '../../support/testObjects';

// A build whose FROM image is in a registry that wants a login: Berth sends the stored credentials
// of each base image's registry (X-Registry-Config), as `docker build` does.
describe('buildImage with a base image from an authenticated registry', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let dir: string;
  const repository = `berth-test/base-${TEST_RUN_ID}`;
  const base = `${TEST_AUTH_REGISTRY}/${repository}:v1`;
  const dockerfile = `FROM ${base}\nRUN echo built-on-a-private-base > /proof.txt\n`;
  let pushedDigest: string | undefined;
  const credentials = { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD };
  // The docker CLI's config as `docker login` leaves it, in a file of the test's own.
  const configText = JSON.stringify({ auths: { [TEST_AUTH_REGISTRY]: { auth: Buffer.from(`${TEST_AUTH_USER}:${TEST_AUTH_PASSWORD}`).toString('base64') } } });

  const registryConfig = async (): Promise<Record<string, RegistryAuth>> => {
    const config: Record<string, RegistryAuth> = {};
    for (const registry of baseImageRegistries(parseDockerfile(dockerfile))) {
      const { auth } = await resolveRegistryAuth(registry, configText);
      if (auth) config[auth.serveraddress] = auth;
    }
    return config;
  };

  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-build-auth-'));
    await fs.writeFile(path.join(dir, 'Dockerfile'), dockerfile);
    await tagForPush(testClient(), TEST_IMAGE, imageRef(base));
    pushedDigest = await pushImage(testClient(), imageRef(base), { auth: { ...credentials, serveraddress: TEST_AUTH_REGISTRY } });
    // Gone from the engine, so the build has to pull it.
    await docker.getImage(base).remove();
  });

  after(async () => {
    if (pushedDigest) await deleteTag(new RegistryClient({ registry: TEST_AUTH_REGISTRY, credentials }), repository, pushedDigest).catch(() => undefined);
    await docker?.getImage(base).remove({ force: true }).catch(() => undefined);
    await objects?.cleanup();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('without credentials the build fails with the registry\'s refusal', async () => {
    const tag = `berth-test/build-auth-none-${TEST_RUN_ID}:latest`;
    objects.images.add(tag);
    await assert.rejects(buildImage(testClient(), { context: dir, tag, labels: TEST_LABELS }), (err: Error) => {
      assert.match(err.message, /no basic auth credentials|unauthorized|authentication required/i);
      return true;
    });
  });

  it('with the stored credentials of the FROM registry the base image is pulled and the build succeeds', async () => {
    const config = await registryConfig();
    assert.deepEqual(Object.keys(config), [TEST_AUTH_REGISTRY]);
    const tag = `berth-test/build-auth-${TEST_RUN_ID}:latest`;
    objects.images.add(tag);
    objects.images.add(base);
    const lines: string[] = [];
    await buildImage(testClient(), { context: dir, tag, labels: TEST_LABELS, registryConfig: config, onOutput: (line) => lines.push(line) });
    const image = await docker.getImage(tag).inspect();
    assert.equal(image.Config.Labels?.['berth.test'], '1');
    assert.ok(lines.some((line) => /Successfully tagged/.test(line)), lines.join('\n'));
  });
});
