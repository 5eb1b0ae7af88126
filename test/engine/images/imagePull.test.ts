import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { pullImage } from '../../../src/images/imagePull';
import type { PullStatus } from '../../../src/images/pullProgress';
import { engineSkip, TEST_REGISTRY, testClient } from '../../support/engineHarness';
import { drain, engineTestObjects, registryRepo, TestObjects } from '../../support/testObjects';
import { imageRef } from '../../support/imageRefs';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

describe('image pull', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  /** An image that exists only in the registry: imported, pushed, then removed locally. */
  async function registryOnlyImage(bytes: number): Promise<string> {
    const repo = registryRepo('pull');
    await objects.importImage(repo, 'latest', bytes);
    await drain(await docker.getImage(`${repo}:latest`).push({ authconfig: {} }));
    await docker.getImage(`${repo}:latest`).remove();
    return `${repo}:latest`;
  }

  it('pulls the test image from the local registry', async () => {
    const statuses: PullStatus[] = [];
    await pullImage(client, imageRef(`${TEST_REGISTRY}/berth-test/busybox:latest`), { onProgress: (s) => statuses.push(s) });
    assert.ok(statuses.length > 0, 'progress was reported');
    assert.equal(statuses[statuses.length - 1].percent, 100);
    assert.ok((await docker.getImage(`${TEST_REGISTRY}/berth-test/busybox:latest`).inspect()).Id);
  });

  it('transfers new layers, reporting rising progress to 100%', async () => {
    const image = await registryOnlyImage(1024 * 1024);
    const statuses: PullStatus[] = [];
    await pullImage(client, imageRef(image), {
      // The registry has no auth; sending some must not get in the way.
      auth: { username: 'berth', password: 'unused', serveraddress: TEST_REGISTRY },
      onProgress: (s) => statuses.push(s),
    });
    assert.ok(statuses.some((s) => s.layersTotal === 1), 'the new layer was seen');
    const percents = statuses.map((s) => s.percent).filter((p): p is number => p !== undefined);
    assert.ok(percents.length > 0);
    percents.forEach((p, i) => assert.ok(i === 0 || p >= percents[i - 1], `percent fell at ${i}: ${percents.join(', ')}`));
    const last = statuses[statuses.length - 1];
    assert.equal(last.percent, 100);
    assert.equal(last.layersDone, 1);
    assert.match(last.message, /^Downloaded newer image for /);
    const info = await docker.getImage(image).inspect();
    assert.equal(info.Config.Labels?.['berth.test'], '1');
  });

  it('rejects with an Error named AbortError when cancelled during the pull', async () => {
    const image = await registryOnlyImage(512 * 1024);
    const controller = new AbortController();
    let reported = 0;
    const pulling = pullImage(client, imageRef(image), {
      signal: controller.signal,
      onProgress: () => {
        reported++;
        controller.abort();
      },
    });
    await assert.rejects(pulling, (err: Error) => err.name === 'AbortError');
    assert.equal(reported, 1, 'no progress after the cancellation');
  });

  it('rejects at once, sending nothing, when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    let reported = false;
    await assert.rejects(
      pullImage(client, imageRef(`${TEST_REGISTRY}/berth-test/busybox:latest`), { signal: controller.signal, onProgress: () => (reported = true) }),
      { name: 'AbortError' },
    );
    assert.equal(reported, false);
  });

  it("rejects with the engine's message when the tag does not exist", async () => {
    await assert.rejects(pullImage(client, imageRef(`${TEST_REGISTRY}/berth-test/busybox:no-such-tag`), {}), (err: Error) => {
      assert.equal(err.message, `manifest for ${TEST_REGISTRY}/berth-test/busybox:no-such-tag not found: manifest unknown: manifest unknown`);
      return true;
    });
  });
});
