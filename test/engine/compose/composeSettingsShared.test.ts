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

const SHARED = fixturePath('compose', 'engine', 'settings-shared', 'compose.yaml');
const TEXT = fixturePath('compose', 'engine', 'settings-text', 'compose.yaml');

/** HostConfig fields of `data` that must match what docker-compose 1.29 sends. */
const COMPARED: readonly string[] = [
  'LogConfig', 'RestartPolicy', 'CapAdd', 'DnsOptions', 'GroupAdd', 'IpcMode', 'OomScoreAdj', 'Sysctls', 'CpuShares',
  'Devices', 'MemoryReservation', 'Init',
];

describe('compose deploys share namespaces and volumes, and link, as docker-compose 1.29 does', { skip: engineSkip() }, () => {
  let docker: Docker;
  const ours = testProjectName('shared');
  const theirs = testProjectName('shared129');

  before(async () => {
    docker = await requireEngine();
    await dockerCompose(['-p', theirs, '-f', SHARED, 'up', '-d'], theirs);
    const loaded = loadTestProject(SHARED, ours);
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
  });

  after(async () => {
    await dockerCompose(['-p', theirs, '-f', SHARED, 'down', '-v', '-t', '1'], theirs).catch(() => undefined);
    await applyDown(client, ours, undefined, { stopTimeoutSeconds: 1, volumes: true }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  const inspect = (name: string): Promise<Docker.ContainerInspectInfo> => docker.getContainer(name).inspect();
  const names = (project: string): { data: string; app: string } =>
    project === ours ? { data: `${ours}-data-1`, app: `${ours}-app-1` } : { data: `${theirs}_data_1`, app: `${theirs}_app_1` };

  it('sets logging, restart_policy, sysctls, devices, resources and the other keys like 1.29', async () => {
    const pick = (info: Docker.ContainerInspectInfo): Record<string, unknown> =>
      Object.fromEntries(COMPARED.map((key) => [key, (info.HostConfig as Record<string, unknown>)[key]]));
    const mine = await inspect(names(ours).data);
    const reference = await inspect(names(theirs).data);
    assert.deepEqual(pick(mine), pick(reference));
    assert.deepEqual(mine.HostConfig.LogConfig, { Type: 'json-file', Config: { 'max-file': '2', 'max-size': '1m' } });
    assert.deepEqual(mine.HostConfig.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 2 });
    assert.equal(mine.Config.Domainname, reference.Config.Domainname);
    assert.equal(mine.Config.Domainname, 'corp.test');
  });

  it('joins the IPC namespace and mounts the volumes of the first data container, read-only', async () => {
    for (const project of [ours, theirs]) {
      const data = await inspect(names(project).data);
      const app = await inspect(names(project).app);
      // 1.29 names the container by id, Berth by name; both lead to the same container.
      assert.match(app.HostConfig.IpcMode ?? '', /^container:/);
      assert.equal((await inspect(app.HostConfig.IpcMode!.slice('container:'.length))).Id, data.Id);
      const [from] = app.HostConfig.VolumesFrom as string[];
      assert.match(from, /:ro$/);
      assert.equal((await inspect(from.slice(0, -':ro'.length))).Id, data.Id);
      const shared = data.Mounts.find((m) => m.Destination === '/shared');
      // Only /shared: Berth's data also has the config bind, which volumes_from carries over too.
      assert.deepEqual(
        app.Mounts.filter((m) => m.Destination === '/shared').map((m) => [m.Name, m.RW]),
        [[shared?.Name, false]],
      );
    }
  });

  it('resolves the link alias to the linked container in both deploys', async () => {
    for (const project of [ours, theirs]) {
      const data = await inspect(names(project).data);
      const network = Object.values(data.NetworkSettings.Networks)[0];
      const lookup = await execText(docker, names(project).app, ['nslookup', 'db']);
      assert.ok(lookup.includes(network.IPAddress), `${project}: ${lookup}`);
    }
  });

  it('bind-mounts a file config at /<name>, read-only (1.29 ignores configs; compose v2 mounts them)', async () => {
    const data = await inspect(names(ours).data);
    assert.ok(data.Mounts.some((m) => m.Type === 'bind' && m.Destination === '/app_conf' && m.RW === false));
    assert.equal(await execText(docker, names(ours).data, ['cat', '/app_conf']), 'level=debug\n');
  });
});

describe('compose deploys copy environment secrets and content configs into the container', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('text');

  before(async () => {
    docker = await requireEngine();
  });

  after(async () => {
    await applyDown(client, project, undefined, { stopTimeoutSeconds: 1 }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  it('writes each secret at /run/secrets and each config at its target before the container starts', async () => {
    const loaded = loadTestProject(TEXT, project, { BERTH_TEST_API_KEY: 'k-123' });
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
    const container = `${project}-app-1`;
    assert.equal(await execText(docker, container, ['cat', '/run/secrets/api_key']), 'k-123');
    assert.equal(await execText(docker, container, ['cat', '/run/secrets/renamed']), 'k-123');
    assert.equal(await execText(docker, container, ['cat', '/etc/greeting.txt']), `hello from ${project}\n`);
  });

  it('recreates the container when the secret value changes', async () => {
    const result = await applyUp(client, loadTestProject(TEXT, project, { BERTH_TEST_API_KEY: 'k-456' }), { stopTimeoutSeconds: 1 });
    assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}`), ['app:recreate']);
    assert.equal(await execText(docker, `${project}-app-1`, ['cat', '/run/secrets/api_key']), 'k-456');
  });
});
