import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { cleanupTestObjects, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { dockerCompose, loadTestProject, testProjectName } from './composeSupport';
import { execText } from './composeExec';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'settings', 'compose.yaml');

/** The HostConfig fields the fixture sets, which Berth must send as docker-compose 1.29 does. */
const COMPARED: readonly string[] = [
  'ReadonlyRootfs', 'Tmpfs', 'Ulimits', 'Memory', 'NanoCpus', 'MemorySwap', 'PidsLimit', 'ShmSize', 'Dns', 'DnsSearch',
  'SecurityOpt', 'ExtraHosts', 'Mounts',
];

describe('compose deploys apply the single-engine service keys as docker-compose 1.29 does', { skip: engineSkip() }, () => {
  let docker: Docker;
  const ours = testProjectName('keys');
  const theirs = testProjectName('keys129');

  before(async () => {
    docker = await requireEngine();
    await dockerCompose(['-p', theirs, '-f', FILE, 'up', '-d'], theirs);
    const loaded = loadTestProject(FILE, ours);
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
  });

  after(async () => {
    await dockerCompose(['-p', theirs, '-f', FILE, 'down', '-t', '1'], theirs).catch(() => undefined);
    await applyDown(client, ours, undefined, { stopTimeoutSeconds: 1 }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  const inspect = (name: string): Promise<Docker.ContainerInspectInfo> => docker.getContainer(name).inspect();

  it('sets read_only, tmpfs, ulimits, deploy.resources.limits, secrets and the other keys like 1.29', async () => {
    const mine = await inspect(`${ours}-base-1`);
    const reference = await inspect(`${theirs}_base_1`);
    const pick = (info: Docker.ContainerInspectInfo): Record<string, unknown> =>
      Object.fromEntries(COMPARED.map((key) => [key, (info.HostConfig as Record<string, unknown>)[key]]));
    assert.deepEqual(pick(mine), pick(reference));
    // Spelled out, so a change both tools made alike still shows what the fixture asks for.
    assert.equal(mine.HostConfig.ReadonlyRootfs, true);
    assert.deepEqual(mine.HostConfig.Tmpfs, { '/scratch': 'size=1m' });
    assert.deepEqual(mine.HostConfig.Ulimits, [
      { Name: 'nproc', Hard: 512, Soft: 512 },
      { Name: 'nofile', Hard: 2048, Soft: 1024 },
    ]);
    assert.equal(mine.HostConfig.Memory, 64 * 1024 ** 2);
    assert.equal(mine.HostConfig.NanoCpus, 500_000_000);
    const stop = (info: Docker.ContainerInspectInfo): unknown[] => {
      const config = info.Config as { StopSignal?: string; StopTimeout?: number };
      return [config.StopSignal, config.StopTimeout];
    };
    assert.deepEqual(stop(mine), stop(reference));
    assert.deepEqual(stop(mine), ['SIGINT', 3]);
    assert.deepEqual(mine.Config.ExposedPorts, reference.Config.ExposedPorts);
    assert.deepEqual(
      mine.Mounts.map((m) => [m.Type, m.Destination, m.RW]),
      [['bind', '/run/secrets/token', false]],
    );
  });

  it('reads the secret file inside the container, and the root filesystem refuses writes', async () => {
    assert.equal(await execText(docker, `${ours}-base-1`, ['cat', '/run/secrets/token']), 'token-from-file\n');
    const write = await execText(docker, `${ours}-base-1`, ['sh', '-c', 'touch /probe 2>&1; echo rc=$?']);
    assert.match(write, /Read-only file system/);
    assert.match(await execText(docker, `${ours}-base-1`, ['sh', '-c', 'touch /scratch/ok && echo ok']), /^ok/);
  });

  it('puts network_mode service:x in the first container of x, and host on the host network', async () => {
    for (const [project, separator] of [[ours, '-'], [theirs, '_']] as const) {
      const base = await inspect(`${project}${separator}base${separator}1`);
      const side = await inspect(`${project}${separator}side${separator}1`);
      // 1.29 names the container by id, Berth by name; both must lead to the same container.
      const target = side.HostConfig.NetworkMode?.replace(/^container:/, '') ?? '';
      assert.ok(side.HostConfig.NetworkMode?.startsWith('container:'), `${project}: ${side.HostConfig.NetworkMode}`);
      assert.equal((await inspect(target)).Id, base.Id);
      assert.deepEqual(Object.keys(side.NetworkSettings.Networks), []);
      const hostnet = await inspect(`${project}${separator}hostnet${separator}1`);
      assert.equal(hostnet.HostConfig.NetworkMode, 'host');
      assert.deepEqual(Object.keys(hostnet.NetworkSettings.Networks), ['host']);
    }
    // Sharing base's network namespace, side sees base's interfaces: the same address.
    const ip = (name: string): Promise<string> => execText(docker, name, ['sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"]);
    assert.equal(await ip(`${ours}-side-1`), await ip(`${ours}-base-1`));
  });

  it('changes nothing on an unchanged redeploy, and recreates side with base when base changes', async () => {
    const again = await applyUp(client, loadTestProject(FILE, ours), { stopTimeoutSeconds: 1 });
    assert.deepEqual(again.applied, []);
    const changed = await applyUp(client, loadTestProject(FILE, ours, { BASE_MEMORY: '96m' }), { stopTimeoutSeconds: 1 });
    assert.deepEqual(changed.applied.map((a) => `${a.service}:${a.kind}`).sort(), ['base:recreate', 'side:recreate']);
    const base = await inspect(`${ours}-base-1`);
    assert.equal(base.HostConfig.Memory, 96 * 1024 ** 2);
    const side = await inspect(`${ours}-side-1`);
    assert.equal(side.State.Running, true);
    assert.equal((await inspect(side.HostConfig.NetworkMode?.replace(/^container:/, '') ?? '')).Id, base.Id);
  });
});
