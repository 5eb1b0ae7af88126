import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { connectNetwork, createNetwork, disconnectNetwork, networkContainers, removeNetwork } from '../../../src/networks/networkActions';
import { engineSkip, TEST_LABELS, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

describe('network actions', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  it('creates a network with subnet and gateway, connects, refuses removal while attached, disconnects and removes', async () => {
    const name = uniqueName('net');
    const third = 16 + Math.floor(Math.random() * 200);
    const id = await createNetwork(client, { name, subnet: `10.213.${third}.0/24`, gateway: `10.213.${third}.1`, attachable: true, labels: TEST_LABELS });
    objects.networks.add(id);
    const info = (await docker.getNetwork(id).inspect()) as Docker.NetworkInspectInfo;
    assert.equal(info.Name, name);
    assert.deepEqual(info.IPAM?.Config, [{ Subnet: `10.213.${third}.0/24`, Gateway: `10.213.${third}.1` }]);
    assert.equal(info.Attachable, true);
    assert.equal(info.Labels?.['berth.test'], '1');

    const containerName = uniqueName('member');
    const container = await objects.container({ name: containerName });
    await connectNetwork(client, name, container.id);
    assert.deepEqual(await networkContainers(client, id), [{ id: container.id, name: containerName }]);

    await assert.rejects(removeNetwork(client, name), (err: Error) => {
      assert.equal(err.message, `Network '${name}' has active endpoints (used by container "${containerName}"); disconnect or stop them first.`);
      return true;
    });
    assert.equal(((await docker.getNetwork(id).inspect()) as Docker.NetworkInspectInfo).Id, id, 'still there');

    await disconnectNetwork(client, name, container.id);
    assert.deepEqual(await networkContainers(client, id), []);
    await removeNetwork(client, id);
    await assert.rejects(docker.getNetwork(id).inspect(), /not found/i);
  });

  it('refuses invalid options before sending and built-in networks outright', async () => {
    const name = uniqueName('net');
    await assert.rejects(createNetwork(client, { name, subnet: '10.214.0.1/24', labels: TEST_LABELS }), { message: /^Subnet 10\.214\.0\.1\/24 has host bits set; did you mean 10\.214\.0\.0\/24\?$/ });
    assert.equal((await docker.listNetworks({ filters: JSON.stringify({ name: [name] }) })).length, 0);
    await assert.rejects(removeNetwork(client, 'bridge'), { message: /^'bridge' is a built-in network; the engine does not allow removing it\.$/ });
  });

  it("keeps the engine's reason when connecting fails", async () => {
    const id = await createNetwork(client, { name: uniqueName('net'), labels: TEST_LABELS });
    objects.networks.add(id);
    await assert.rejects(connectNetwork(client, id, 'berth-test-no-such-container'), /No such container: berth-test-no-such-container/);
  });
});
