import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { containerSpec } from '../../../src/compose/composeContainerSpec';
import { projectStatus } from '../../../src/compose/composeEngineState';
import { normaliseImageName } from '../../../src/compose/composeImages';
import { loadComposeProject } from '../../../src/compose/composeLoad';
import { fixturePath } from '../../support/paths';
import { FIXTURE_HOME } from './composeFixtureSupport';

function load(folder: string): ReturnType<typeof loadComposeProject>['project'] {
  return loadComposeProject({ files: [fixturePath('compose', 'valid', folder, 'compose.yaml')], env: {}, homeDir: FIXTURE_HOME, profiles: ['default-on'] }).project;
}

describe('containerSpec', () => {
  it('turns every supported service key into the engine create request', () => {
    const project = load('every-service-key');
    const { create, extraNetworks } = containerSpec(project, project.services.app, 'sink-app', 1, 'hash');
    assert.equal(create.name, 'sink-app');
    assert.equal(create.Image, 'registry.test/app:2.1');
    assert.deepEqual(create.Entrypoint, ['/docker-entrypoint.sh', '--verbose']);
    assert.deepEqual(create.Cmd, ['sh', '-c', 'echo "hello $USER" && sleep 5', 'two words', 'back slash']);
    assert.ok(create.Env?.includes('FROM_FILE=overridden'));
    assert.equal(create.Labels?.['com.docker.compose.config-hash'], 'hash');
    assert.equal(create.Labels?.['com.docker.compose.project'], 'kitchen-sink');
    assert.equal(create.Labels?.tier, 'backend');
    assert.deepEqual(create.ExposedPorts, { '3000/tcp': {}, '9000/udp': {}, '9001/udp': {}, '5000/tcp': {} });
    assert.deepEqual(create.HostConfig?.PortBindings, {
      '3000/tcp': [{ HostIp: '', HostPort: '' }],
      '9000/udp': [{ HostIp: '::1', HostPort: '9000' }],
      '9001/udp': [{ HostIp: '::1', HostPort: '9001' }],
      '5000/tcp': [{ HostIp: '0.0.0.0', HostPort: '5001' }],
    });
    assert.equal(create.HostConfig?.NetworkMode, 'kitchen-sink_front');
    assert.deepEqual(create.NetworkingConfig?.EndpointsConfig?.['kitchen-sink_front'], { Aliases: ['app', 'api'], IPAMConfig: { IPv4Address: '172.28.0.10' } });
    assert.deepEqual(extraNetworks, [{ name: 'kitchen-sink_back', config: { Aliases: ['app'] } }]);
    assert.deepEqual(create.HostConfig?.RestartPolicy, { Name: 'always' });
    assert.equal(create.HostConfig?.Memory, 1.5 * 1024 ** 3);
    assert.equal(create.HostConfig?.NanoCpus, 250_000_000);
    assert.equal(create.HostConfig?.Privileged, true);
    assert.equal(create.HostConfig?.Init, true);
    assert.deepEqual(create.HostConfig?.CapDrop, ['ALL']);
    assert.equal(create.Tty, true);
    assert.equal(create.OpenStdin, true);
    assert.equal(create.User, '1000:1000');
    assert.equal(create.WorkingDir, '/srv/app');
    assert.equal(create.Hostname, 'app-host');
    assert.deepEqual(create.Healthcheck?.Test, ['CMD-SHELL', 'curl -f http://localhost:5000/health']);
    assert.equal(create.Healthcheck?.Interval, 60e9);
  });

  it('puts short-syntax binds in Binds (so missing host folders get created) and the rest in Mounts', () => {
    const project = load('mounts');
    const dir = path.dirname(fixturePath('compose', 'valid', 'mounts', 'compose.yaml'));
    const { create } = containerSpec(project, project.services.files, 'mounts-files-1', 1, 'hash');
    assert.deepEqual(create.HostConfig?.Binds, [
      `${dir}:/app:rw`,
      `${path.resolve(dir, '..', 'shared')}:/shared:ro,z`,
      `${path.join(FIXTURE_HOME, 'config')}:/config:rw`,
      '/var/run/docker.sock:/var/run/docker.sock:rw',
    ]);
    assert.deepEqual(create.HostConfig?.Mounts, [
      { Type: 'volume', Source: '', Target: '/scratch', ReadOnly: false },
      { Type: 'volume', Source: 'mounts_named', Target: '/data', ReadOnly: false, VolumeOptions: { NoCopy: true } },
      { Type: 'bind', Source: path.join(dir, 'logs'), Target: '/logs', ReadOnly: true },
      { Type: 'tmpfs', Source: '', Target: '/tmp' },
      { Type: 'volume', Source: '', Target: '/anonymous', ReadOnly: false },
    ]);
  });
});

describe('normaliseImageName', () => {
  it('matches the forms the engine lists', () => {
    assert.equal(normaliseImageName('busybox'), 'busybox:latest');
    assert.equal(normaliseImageName('docker.io/library/busybox:1.36'), 'busybox:1.36');
    assert.equal(normaliseImageName('127.0.0.1:5000/app'), '127.0.0.1:5000/app:latest');
    assert.equal(normaliseImageName('berth-test/busybox:latest'), 'berth-test/busybox:latest');
  });
});

describe('projectStatus', () => {
  it('counts running containers per service against the replicas asked for', () => {
    const project = load('every-service-key');
    const labels = (service: string): Record<string, string> => ({ 'com.docker.compose.project': 'kitchen-sink', 'com.docker.compose.service': service });
    const status = projectStatus(project, {
      containers: [
        { id: '1', name: 'sink-app', labels: labels('app'), state: 'running' },
        { id: '2', name: 'kitchen-sink-worker-1', labels: labels('worker'), state: 'exited' },
      ],
      networks: [],
      volumes: [],
    });
    assert.equal(status.services.app.running, 1);
    assert.deepEqual(status.services.worker, { running: 0, existing: 1, wanted: project.services.worker.replicas });
    assert.equal(status.running, 1);
    assert.equal(status.wanted, Object.values(project.services).reduce((n, s) => n + s.replicas, 0));
  });
});
