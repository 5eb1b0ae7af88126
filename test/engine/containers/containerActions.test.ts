import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { removeContainer, renameContainer, runContainerAction } from '../../../src/containers/containerActions';
import { containerDetails } from '../../../src/containers/containerDetails';
import { engineSkip, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

async function state(docker: Docker, id: string): Promise<string> {
  return (await docker.getContainer(id).inspect()).State.Status;
}

describe('container actions', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  it('stops, starts, restarts, pauses, unpauses and kills a container', async () => {
    const { id } = await objects.container();
    assert.equal(await state(docker, id), 'running');
    await runContainerAction(client, id, 'pause');
    assert.equal(await state(docker, id), 'paused');
    await runContainerAction(client, id, 'unpause');
    assert.equal(await state(docker, id), 'running');
    const before = (await docker.getContainer(id).inspect()).State.StartedAt;
    await runContainerAction(client, id, 'restart');
    const restarted = await docker.getContainer(id).inspect();
    assert.equal(restarted.State.Status, 'running');
    assert.notEqual(restarted.State.StartedAt, before, 'restart started it anew');
    await runContainerAction(client, id, 'stop');
    assert.equal(await state(docker, id), 'exited');
    await runContainerAction(client, id, 'start');
    assert.equal(await state(docker, id), 'running');
    await runContainerAction(client, id, 'kill');
    const killed = await docker.getContainer(id).inspect();
    assert.equal(killed.State.Status, 'exited');
    assert.equal(killed.State.ExitCode, 137);
  });

  it('treats starting a running and stopping a stopped container as success (HTTP 304)', async () => {
    const { id } = await objects.container();
    await runContainerAction(client, id, 'start');
    assert.equal(await state(docker, id), 'running');
    await runContainerAction(client, id, 'stop');
    await runContainerAction(client, id, 'stop');
    assert.equal(await state(docker, id), 'exited');
  });

  it("keeps the engine's reason when an action is refused", async () => {
    const { id } = await objects.container({ start: false });
    await assert.rejects(runContainerAction(client, id, 'kill'), (err: Error) => {
      assert.match(err.message, /is not running/);
      assert.doesNotMatch(err.message, /HTTP code|\[object Object\]/);
      return true;
    });
    await assert.rejects(runContainerAction(client, 'berth-test-no-such-container', 'start'), /No such container: berth-test-no-such-container/);
  });

  it('refuses to remove a running container without force, then removes it with force', async () => {
    const { id } = await objects.container();
    await assert.rejects(removeContainer(client, id, { force: false }), (err: Error) => {
      assert.match(err.message, /You cannot remove a running container/);
      assert.match(err.message, /Stop the container before attempting removal or force remove/);
      return true;
    });
    assert.equal(await state(docker, id), 'running', 'nothing happened to it');
    await removeContainer(client, id, { force: true, removeVolumes: true });
    await assert.rejects(docker.getContainer(id).inspect(), /no such container/i);
  });

  it('removes a stopped container without force', async () => {
    const { id } = await objects.container({ start: false });
    await removeContainer(client, id, { force: false });
    await assert.rejects(docker.getContainer(id).inspect(), /no such container/i);
  });

  it('renames a container, refusing an invalid name before asking the engine and a taken one with its reason', async () => {
    const a = await objects.container({ start: false });
    const b = await objects.container({ start: false });
    const newName = uniqueName('renamed');
    await renameContainer(client, a.id, newName);
    assert.equal(containerDetails(await docker.getContainer(a.id).inspect()).name, newName);
    await assert.rejects(renameContainer(client, a.id, 'bad name'), { message: /^Container names must be at least 2 characters/ });
    assert.equal((await docker.getContainer(a.id).inspect()).Name, `/${newName}`);
    await assert.rejects(renameContainer(client, b.id, newName), (err: Error) => {
      assert.match(err.message, /Conflict\. The container name "\/berth-test-renamed-[0-9a-f]+" is already in use/);
      return true;
    });
  });
});
