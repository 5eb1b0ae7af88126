import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { imageUsers, removeImage, tagImage } from '../../../src/images/imageActions';
import { engineSkip, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

describe('image actions', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  it('refuses to remove an image a container uses, naming the container', async () => {
    const repo = `berth-test/rmi-${uniqueName('img').slice(-8)}`;
    const imageId = await objects.importImage(repo);
    const name = uniqueName('user');
    await objects.container({ Image: `${repo}:latest`, Cmd: ['/payload.bin'], name, start: false });
    assert.deepEqual(await imageUsers(client, imageId), [name]);
    assert.deepEqual(await imageUsers(client, `${repo}:latest`), [name]);
    await assert.rejects(removeImage(client, `${repo}:latest`, { force: false }), (err: Error) => {
      assert.match(err.message, /^conflict: unable to remove repository reference/);
      assert.ok(err.message.endsWith(`(used by container "${name}")`), err.message);
      return true;
    });
    await assert.rejects(removeImage(client, imageId, { force: false }), (err: Error) => {
      assert.match(err.message, /^conflict: unable to delete [0-9a-f]{12} \(must be forced\) - image is being used by stopped container/);
      assert.ok(err.message.endsWith(`(used by container "${name}")`), err.message);
      return true;
    });
    assert.equal((await docker.getImage(imageId).inspect()).Id, imageId, 'the image is still there');
  });

  it('removes an unused image, and tags one after checking the new reference', async () => {
    const repo = `berth-test/tag-${uniqueName('img').slice(-8)}`;
    const imageId = await objects.importImage(repo);
    const target = `${repo}-copy:v1`;
    objects.images.add(target);
    await tagImage(client, `${repo}:latest`, target);
    assert.ok((await docker.getImage(imageId).inspect()).RepoTags.includes(target));
    await assert.rejects(tagImage(client, imageId, `${repo}:Bad Tag`), /is not a valid image reference: it contains spaces/);
    await assert.rejects(tagImage(client, imageId, 'Upper/Case'), { message: /^Image references must be lowercase: 'Upper\/Case'/ });
    await removeImage(client, target, { force: false });
    await removeImage(client, `${repo}:latest`, { force: false });
    await assert.rejects(docker.getImage(imageId).inspect(), /no such image/i);
  });

  it("keeps the engine's reason for an image that does not exist", async () => {
    await assert.rejects(removeImage(client, 'berth-test/no-such-image:never', { force: false }), { message: /^No such image: berth-test\/no-such-image:never$/ });
  });
});
