import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { createNetwork } from '../../../src/networks/networkActions';
import { pruneCandidates, pruneExactly, type PruneCandidate, type PruneKind } from '../../../src/prune/prune';
import { createVolume } from '../../../src/volumes/volumeActions';
import { engineSkip, TEST_LABELS, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

/**
 * The engine is shared: only candidates this file created (all labelled berth.test=1) are ever handed to
 * pruneExactly.
 */
async function ownCandidates(kind: PruneKind, own: Set<string>): Promise<{ all: PruneCandidate[]; mine: PruneCandidate[] }> {
  const all = await pruneCandidates(client, kind);
  return { all, mine: all.filter((c) => own.has(c.id)) };
}

describe('prune', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  /** Runs a container to completion; it stays behind, stopped. */
  async function runUntilExited(cmd: string, extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
    const container = await objects.container({ Cmd: ['sh', '-c', cmd], ...extra, start: false });
    await container.start();
    await container.wait();
    return container;
  }

  it('offers stopped containers with their writable-layer size and removes exactly the confirmed ones', async () => {
    const stopped = await runUntilExited('dd if=/dev/zero of=/junk bs=1024 count=100 2>/dev/null');
    const created = await objects.container({ start: false });
    const running = await objects.container();
    const { all, mine } = await ownCandidates('containers', objects.containers);
    assert.deepEqual(new Set(mine.map((c) => c.id)), new Set([stopped.id, created.id]));
    assert.ok(!all.some((c) => c.id === running.id), 'a running container is no candidate');
    const big = mine.find((c) => c.id === stopped.id);
    assert.ok(big?.size !== undefined && big.size >= 100 * 1024, `size ${big?.size}`);
    assert.match(big.name, /^berth-test-c-/);

    const result = await pruneExactly(client, 'containers', [big]);
    assert.deepEqual(result, { removed: [big], failed: [], reclaimedBytes: big.size });
    await assert.rejects(docker.getContainer(stopped.id).inspect(), /no such container/i);
    assert.equal((await docker.getContainer(created.id).inspect()).State.Status, 'created', 'the unconfirmed candidate stays');
  });

  it('reports a candidate that started since the listing as failed, without forcing it', async () => {
    const container = await objects.container({ start: false });
    const { mine } = await ownCandidates('containers', new Set([container.id]));
    assert.equal(mine.length, 1);
    await container.start();
    const result = await pruneExactly(client, 'containers', mine);
    assert.deepEqual(result.removed, []);
    assert.equal(result.reclaimedBytes, 0);
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0].reason, /You cannot remove a running container/);
    assert.equal((await docker.getContainer(container.id).inspect()).State.Status, 'running');
  });

  it('offers dangling images with their size, and removes only the confirmed one', async () => {
    const repo = `berth-test/prune-${uniqueName('img').slice(-8)}`;
    const first = await objects.importImage(repo, 'latest', 20_000);
    const second = await objects.importImage(repo, 'latest', 20_000); // takes the tag: the first dangles
    objects.images.add(first);
    const { all, mine } = await ownCandidates('images', new Set([first, second]));
    assert.deepEqual(mine.map((c) => c.id), [first]);
    assert.ok(!all.some((c) => c.id === second), 'a tagged image is no candidate');
    assert.equal(mine[0].name, first.slice('sha256:'.length, 'sha256:'.length + 12));
    assert.ok((mine[0].size ?? 0) >= 20_000);
    const result = await pruneExactly(client, 'images', mine);
    assert.deepEqual(result, { removed: mine, failed: [], reclaimedBytes: mine[0].size });
    await assert.rejects(docker.getImage(first).inspect(), /no such image/i);
    assert.equal((await docker.getImage(second).inspect()).Id, second);
  });

  it('offers unused volumes with their size from /system/df, and not volumes a container mounts', async () => {
    const filled = uniqueName('vol');
    const used = uniqueName('vol');
    for (const name of [filled, used]) {
      objects.volumes.add(name);
      await createVolume(client, { name, labels: TEST_LABELS });
    }
    const writer = await runUntilExited('dd if=/dev/zero of=/v/data bs=1024 count=64 2>/dev/null', { HostConfig: { Binds: [`${filled}:/v`] } });
    await writer.remove();
    await objects.container({ start: false, HostConfig: { Binds: [`${used}:/v`] } });
    const { all, mine } = await ownCandidates('volumes', objects.volumes);
    assert.deepEqual(mine.map((c) => c.id), [filled]);
    assert.ok(!all.some((c) => c.id === used), 'a mounted volume is no candidate');
    assert.ok((mine[0].size ?? 0) >= 64 * 1024, `size ${mine[0].size}`);
    const result = await pruneExactly(client, 'volumes', mine);
    assert.deepEqual(result, { removed: mine, failed: [], reclaimedBytes: mine[0].size });
    await assert.rejects(docker.getVolume(filled).inspect(), /no such volume/i);
  });

  it('offers custom networks nothing uses, and removes exactly the confirmed one', async () => {
    const unused = await createNetwork(client, { name: uniqueName('net'), labels: TEST_LABELS });
    const spare = await createNetwork(client, { name: uniqueName('net'), labels: TEST_LABELS });
    const attached = await createNetwork(client, { name: uniqueName('net'), labels: TEST_LABELS });
    const configured = await createNetwork(client, { name: uniqueName('net'), labels: TEST_LABELS });
    for (const id of [unused, spare, attached, configured]) objects.networks.add(id);
    await objects.container({ HostConfig: { NetworkMode: attached } });
    await objects.container({ start: false, HostConfig: { NetworkMode: configured } });
    const { all, mine } = await ownCandidates('networks', objects.networks);
    assert.deepEqual(new Set(mine.map((c) => c.id)), new Set([unused, spare]));
    assert.ok(!all.some((c) => ['bridge', 'host', 'none'].includes(c.name)), 'built-in networks are never candidates');
    const confirmed = mine.filter((c) => c.id === unused);
    const result = await pruneExactly(client, 'networks', confirmed);
    assert.deepEqual(result, { removed: confirmed, failed: [], reclaimedBytes: 0 });
    await assert.rejects(docker.getNetwork(unused).inspect(), /not found/i);
    assert.ok(await docker.getNetwork(spare).inspect());
  });
});
