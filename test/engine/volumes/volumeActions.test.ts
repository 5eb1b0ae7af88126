import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { createVolume, removeVolume, volumeUsers } from '../../../src/volumes/volumeActions';
import { engineSkip, TEST_LABELS, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

describe('volume actions', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  it('creates a labelled volume', async () => {
    const name = uniqueName('vol');
    objects.volumes.add(name);
    await createVolume(client, { name, labels: { ...TEST_LABELS, team: 'berth' } });
    const info = await docker.getVolume(name).inspect();
    assert.equal(info.Driver, 'local');
    assert.deepEqual(info.Labels, { ...TEST_LABELS, team: 'berth' });
  });

  it('rejects a bad name before sending anything', async () => {
    const name = `${uniqueName('bad')} name`;
    objects.volumes.add(name);
    await assert.rejects(createVolume(client, { name, labels: TEST_LABELS }), { message: /^Volume names must be at least 2 characters/ });
    const listed = await docker.listVolumes();
    assert.equal((listed.Volumes ?? []).some((v) => v.Name === name || v.Name.startsWith(name.split(' ')[0])), false);
  });

  it('refuses to remove a volume in use, naming the container, and removes it once free', async () => {
    const volume = uniqueName('vol');
    objects.volumes.add(volume);
    await createVolume(client, { name: volume, labels: TEST_LABELS });
    const containerName = uniqueName('mounter');
    const container = await objects.container({ name: containerName, start: false, HostConfig: { Binds: [`${volume}:/data`] } });
    assert.deepEqual(await volumeUsers(client, volume), [containerName]);
    await assert.rejects(removeVolume(client, volume, { force: false }), (err: Error) => {
      assert.match(err.message, new RegExp(`^remove ${volume}: volume is in use - \\[`));
      assert.ok(err.message.endsWith(`(used by container "${containerName}")`), err.message);
      return true;
    });
    await container.remove();
    objects.containers.delete(container.id);
    await removeVolume(client, volume, { force: false });
    await assert.rejects(docker.getVolume(volume).inspect(), /no such volume/i);
  });
});
