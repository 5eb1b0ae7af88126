import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { createTestContainer, engineSkip, TEST_IMAGE, TEST_LABELS, TEST_REGISTRY, uniqueName } from '../support/engineHarness';
import { connectedBerth, itemLabel } from './berthApi';
import { labelIs, waitForEntry, waitForNoEntry } from './viewHelpers';

// Image, volume and network commands run by id; input they would ask for is passed as an argument.

describe('Image, volume and network commands', function () {
  let docker: Docker;
  let api: BerthApi;
  const containers: Docker.Container[] = [];
  const tags: string[] = [];
  const volumes: string[] = [];
  const networks: string[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
    await config().update('confirmRemovals', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('confirmRemovals', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
    for (const tag of tags) await docker.getImage(tag).remove().catch(() => undefined);
    await Promise.all(networks.map((n) => docker.getNetwork(n).remove().catch(() => undefined)));
    await Promise.all(volumes.map((v) => docker.getVolume(v).remove().catch(() => undefined)));
  });

  it('tags an image, shows the new tag, and removes that tag again', async () => {
    const tag = `berth-test/itest:${uniqueName('tag').slice(-8)}`;
    tags.push(tag);
    const source = await waitForEntry(api, 'images', labelIs(TEST_IMAGE), TEST_IMAGE);
    await vscode.commands.executeCommand('berth.image.tag', source.node, undefined, { target: tag });
    const tagged = await waitForEntry(api, 'images', labelIs(tag), tag);
    await vscode.commands.executeCommand('berth.image.remove', tagged.node);
    await waitForNoEntry(api, 'images', labelIs(tag), tag);
    await waitForEntry(api, 'images', labelIs(TEST_IMAGE), `${TEST_IMAGE} still there`);
  });

  it('pulls an image from the registry and the Images view shows it', async () => {
    // A tag of our own in the registry, absent locally, so the pull really transfers it.
    const repo = `${TEST_REGISTRY}/berth-test/itest-pull`;
    const tag = uniqueName('pull').slice(-8);
    const reference = `${repo}:${tag}`;
    await docker.getImage(TEST_IMAGE).tag({ repo, tag });
    const push = await docker.getImage(reference).push({ authconfig: { serveraddress: TEST_REGISTRY } });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve())));
    await docker.getImage(reference).remove();
    tags.push(reference);
    await waitForNoEntry(api, 'images', labelIs(reference), reference);

    await vscode.commands.executeCommand('berth.image.pull', reference);
    await waitForEntry(api, 'images', labelIs(reference), reference);
    assert.ok(await docker.getImage(reference).inspect());
  });

  it('creates a volume, which shows with its user once a container mounts it', async () => {
    const name = uniqueName('vol');
    volumes.push(name);
    await vscode.commands.executeCommand('berth.volume.create', { name, labels: TEST_LABELS });
    await waitForEntry(api, 'volumes', labelIs(name), name);
    const user = uniqueName('voluser');
    containers.push(await createTestContainer(docker, { name: user, HostConfig: { Binds: [`${name}:/data`] } }));
    const entry = await waitForEntry(api, 'volumes', (i) => itemLabel(i) === name && String(i.description).includes(user), `${name} used by ${user}`);
    assert.equal(entry.item.contextValue, 'volume.inUse');
  });

  it('creates a network, connects and disconnects a container, then removes it', async () => {
    const name = uniqueName('net');
    networks.push(name);
    await vscode.commands.executeCommand('berth.network.create', { name, labels: TEST_LABELS });
    const created = await waitForEntry(api, 'networks', labelIs(name), name);
    const member = uniqueName('member');
    containers.push(await createTestContainer(docker, { name: member }));
    await vscode.commands.executeCommand('berth.network.connect', created.node, undefined, { container: member });
    const connected = await waitForEntry(api, 'networks', (i) => itemLabel(i) === name && String(i.description).includes('1 container'), `${name} with 1 container`);
    await vscode.commands.executeCommand('berth.network.disconnect', connected.node, undefined, { container: member });
    const empty = await waitForEntry(api, 'networks', (i) => itemLabel(i) === name && !String(i.description).includes('container'), `${name} empty`);
    await vscode.commands.executeCommand('berth.network.remove', empty.node);
    await waitForNoEntry(api, 'networks', labelIs(name), name);
  });
});
