import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { cleanupTestObjects, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { execText } from './composeExec';
import { dockerCompose, loadTestProject, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'settings-networks', 'compose.yaml');

describe('compose deploys create networks and volumes with driver and IPAM options as docker-compose 1.29 does', { skip: engineSkip() }, () => {
  let docker: Docker;
  const ours = testProjectName('netopts');
  const theirs = testProjectName('netopts129');
  // Separate subnets, so the two projects' networks do not overlap.
  const prefix = { [ours]: '172.31.250', [theirs]: '172.31.251' };

  before(async () => {
    docker = await requireEngine();
    await dockerCompose(['-p', theirs, '-f', FILE, 'up', '-d'], theirs, { NET_PREFIX: prefix[theirs] });
    const loaded = loadTestProject(FILE, ours, { NET_PREFIX: prefix[ours] });
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
  });

  after(async () => {
    await dockerCompose(['-p', theirs, '-f', FILE, 'down', '-v', '-t', '1'], theirs, { NET_PREFIX: prefix[theirs] }).catch(() => undefined);
    await applyDown(client, ours, undefined, { stopTimeoutSeconds: 1, volumes: true }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  it('sets the network driver options and IPAM pool like 1.29', async () => {
    const shape = async (project: string): Promise<unknown> => {
      const network = await docker.getNetwork(`${project}_back`).inspect();
      const withPrefix = JSON.stringify({ options: network.Options, ipam: network.IPAM }).split(prefix[project]).join('<prefix>');
      return JSON.parse(withPrefix) as unknown;
    };
    const mine = await shape(ours);
    assert.deepEqual(mine, await shape(theirs));
    assert.deepEqual(mine, {
      options: { 'com.docker.network.driver.mtu': '1400' },
      ipam: {
        Driver: 'default',
        Options: null,
        Config: [{ Subnet: '<prefix>.0/24', IPRange: '<prefix>.0/25', Gateway: '<prefix>.1', AuxiliaryAddresses: { reserved: '<prefix>.5' } }],
      },
    });
    const container = await docker.getContainer(`${ours}-app-1`).inspect();
    assert.equal(container.NetworkSettings.Networks[`${ours}_back`]?.IPAddress, `${prefix[ours]}.10`);
  });

  it('creates the volume with its driver options like 1.29, so it mounts as a tmpfs', async () => {
    const mine = await docker.getVolume(`${ours}_scratch`).inspect();
    const reference = await docker.getVolume(`${theirs}_scratch`).inspect();
    assert.deepEqual(mine.Options, reference.Options);
    assert.deepEqual(mine.Options, { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' });
    assert.match(await execText(docker, `${ours}-app-1`, ['sh', '-c', 'grep " /scratch " /proc/mounts']), /^tmpfs \/scratch tmpfs .*size=1024k/);
  });
});
