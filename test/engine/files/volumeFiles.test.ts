import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { FileService } from '../../../src/files/fileService';
import { HELPER_LABEL } from '../../../src/files/volumeHelpers';
import { engineSkip, TEST_LABELS, TEST_RUN_ID, TEST_RUN_LABEL, testClient, uniqueName } from '../../support/engineHarness';
import { engineTestObjects, type TestObjects } from '../../support/testObjects';

const client = testClient();

describe('files in volumes', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let service: FileService;
  let volume: string;

  /** Helper containers of this run still in the engine. */
  const helpersLeft = async (): Promise<number> =>
    (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [HELPER_LABEL, `${TEST_RUN_LABEL}=${TEST_RUN_ID}`] }) })).length;

  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    service = new FileService({ client: async () => client }, { helperLabels: TEST_LABELS });
    volume = uniqueName('vol');
    objects.volumes.add(volume);
    await docker.createVolume({ Name: volume, Labels: TEST_LABELS });
    // Filled by a container that is removed again: the volume is browsed with nobody attached.
    const filler = await objects.container({ HostConfig: { Binds: [`${volume}:/v`] } });
    const exec = await filler.exec({ Cmd: ['sh', '-c', 'mkdir -p /v/conf/sub && echo "port=80" > /v/conf/app.ini && ln -s conf/app.ini /v/link && touch "/v/a b ü"'] });
    const stream = await exec.start({});
    await new Promise((resolve) => stream.on('end', resolve).resume());
    await filler.remove({ force: true });
    objects.containers.delete(filler.id);
  });
  after(async () => {
    await service?.dispose();
    await objects?.cleanup();
  });

  const location = (path: string): { engineKey: string; target: { kind: 'volume'; name: string }; path: string } => ({ engineKey: 'default', target: { kind: 'volume', name: volume }, path });

  it('lists, reads and writes a volume no container uses, then removes its helper', async () => {
    const users = await docker.listContainers({ all: true, filters: JSON.stringify({ volume: [volume] }) });
    assert.equal(users.length, 0);
    const root = await service.with(location('/'), (f) => f.list('/'));
    assert.deepEqual(root.map((e) => `${e.name}:${e.kind}`).sort(), ['a b ü:file', 'conf:directory', 'link:symlink']);
    assert.equal(root.find((e) => e.name === 'link')?.targetKind, 'file');
    assert.equal(Buffer.from(await service.with(location('/link'), (f) => f.read('/link'))).toString(), 'port=80\n');
    await service.with(location('/conf/app.ini'), (f) => f.write('/conf/app.ini', Buffer.from('port=8080\n'), { create: false, overwrite: true }));
    await service.with(location('/conf/new'), (f) => f.mkdir('/conf/new'));
    assert.deepEqual((await service.with(location('/conf'), (f) => f.list('/conf'))).map((e) => e.name).sort(), ['app.ini', 'new', 'sub']);
    assert.equal(Buffer.from(await service.with(location('/conf/app.ini'), (f) => f.read('/conf/app.ini'))).toString(), 'port=8080\n');
    assert.equal(await helpersLeft(), 0);
    const [helper] = await docker.listImages({ filters: JSON.stringify({ label: [HELPER_LABEL] }) });
    assert.equal(helper?.Size, 0, 'the helper image is empty: nothing was pulled');
  });

  it('removes the helper also when the operation fails, and never starts it', async () => {
    let seen: string | undefined;
    await assert.rejects(
      service.with(location('/nope'), async (f) => {
        seen = f.containerId;
        const info = await docker.getContainer(f.containerId).inspect();
        assert.equal(info.State.Status, 'created');
        return f.read('/nope');
      }),
      { name: 'FileProblem', code: 'notFound' },
    );
    assert.ok(seen);
    await assert.rejects(docker.getContainer(seen).inspect(), { statusCode: 404 });
    assert.equal(await helpersLeft(), 0);
  });

  it('deletes and renames through a running container that mounts the volume, and refuses with the reason when none does', async () => {
    await service.with(location('/gone.txt'), (f) => f.write('/gone.txt', Buffer.from('x'), { create: true, overwrite: false }));
    await assert.rejects(
      service.with(location('/gone.txt'), (f) => f.delete('/gone.txt', false)),
      (err: Error) => err.name === 'FileProblem' && /needs a running container that mounts it writable, with rm/.test(err.message),
    );
    // A read-only user does not count; a writable one mounted elsewhere does, at its own mount point.
    await objects.container({ HostConfig: { Binds: [`${volume}:/ro:ro`] } });
    const user = await objects.container({ HostConfig: { Binds: [`${volume}:/data/vol`] } });
    await service.with(location('/gone.txt'), (f) => f.rename('/gone.txt', '/renamed.txt', false));
    await service.with(location('/conf/sub'), (f) => f.delete('/conf/sub', true));
    const root = await service.with(location('/'), (f) => f.list('/'));
    assert.ok(root.some((e) => e.name === 'renamed.txt') && !root.some((e) => e.name === 'gone.txt'), root.map((e) => e.name).join(','));
    assert.ok(!(await service.with(location('/conf'), (f) => f.list('/conf'))).some((e) => e.name === 'sub'));
    await service.with(location('/renamed.txt'), (f) => f.delete('/renamed.txt', false));
    await user.remove({ force: true });
    objects.containers.delete(user.id);
  });

  it('sweeps helpers left behind by a window that went away', async () => {
    const other = new FileService({ client: async () => client }, { helperLabels: TEST_LABELS, helperLingerMs: 3_600_000 });
    await other.with(location('/'), (f) => f.list('/'));
    assert.equal(await helpersLeft(), 1);
    const sweeper = new FileService({ client: async () => client }, { helperLabels: TEST_LABELS });
    // The leftover is seconds old; a sweep at start only takes older ones, so here the cutoff is zero.
    assert.ok((await sweeper.sweep('default', 0)) >= 1);
    assert.equal(await helpersLeft(), 0);
    await other.dispose();
  });
});
