import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerSpec } from '../../../src/compose/composeContainerSpec';
import { serviceConfigHash } from '../../../src/compose/composeHash';
import { planUp } from '../../../src/compose/composePlan';
import { markImageChanges } from '../../../src/compose/composePlanImages';
import { errorsOf, load } from './composeSettingsSupport';

describe('services sharing namespaces, volumes and links', () => {
  it('joins another service network namespace by its first container and depends on it', () => {
    const loaded = load(`
services:
  vpn:
    image: busybox
  app:
    image: busybox
    network_mode: service:vpn
    ipc: service:vpn
    volumes_from: [vpn:ro, container:outside]
  hosted:
    image: busybox
    network_mode: host
`);
    assert.deepEqual(errorsOf(loaded), []);
    const { project } = loaded;
    assert.deepEqual(project.services.app.networks, {});
    assert.deepEqual(Object.keys(project.services.app.dependsOn), ['vpn']);
    const { create, extraNetworks } = containerSpec(project, project.services.app, 'stack-app-1', 1, 'h');
    assert.equal(create.HostConfig?.NetworkMode, 'container:stack-vpn-1');
    assert.equal(create.HostConfig?.IpcMode, 'container:stack-vpn-1');
    assert.deepEqual(create.HostConfig?.VolumesFrom, ['stack-vpn-1:ro', 'outside']);
    assert.equal(create.NetworkingConfig, undefined);
    assert.deepEqual(extraNetworks, []);
    assert.equal(containerSpec(project, project.services.hosted, 'stack-hosted-1', 1, 'h').create.HostConfig?.NetworkMode, 'host');
    const plan = planUp(project, { containers: [], networks: [], volumes: [] });
    assert.deepEqual(plan.levels.map((level) => level.map((p) => p.service)), [['vpn', 'hosted'], ['app']]);
    // Only vpn is on the project network; host and service: modes need none.
    assert.deepEqual(plan.networksToCreate.map((n) => n.name), ['stack_default']);
  });

  it('recreates a container that shares the namespace of a recreated service', () => {
    const yaml = 'services:\n  vpn:\n    image: busybox\n  app:\n    image: busybox\n    network_mode: service:vpn\n';
    const before = load(yaml).project;
    const after = load(yaml.replace('  vpn:\n    image: busybox', '  vpn:\n    image: busybox:1.36')).project;
    const labels = (service: string): Record<string, string> => ({
      'com.docker.compose.project': 'stack',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.config-hash': serviceConfigHash(before.services[service]),
    });
    const state = {
      containers: ['vpn', 'app'].map((s) => ({ id: s, name: `stack-${s}-1`, labels: labels(s), state: 'running' })),
      networks: [{ name: 'stack_default' }],
      volumes: [],
    };
    const plan = planUp(after, state);
    const kinds = plan.levels.flat().map((p) => `${p.service}:${p.actions[0].kind}`);
    assert.deepEqual(kinds, ['vpn:recreate', 'app:recreate']);
    assert.match(plan.levels[1][0].actions[0].reason ?? '', /"vpn" was recreated/);
  });

  it('recreates the namespace sharer too when a pull changed only its service image', () => {
    const project = load('services:\n  vpn:\n    image: busybox\n  app:\n    image: alpine\n    network_mode: service:vpn\n').project;
    const labels = (service: string): Record<string, string> => ({
      'com.docker.compose.project': 'stack',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.config-hash': serviceConfigHash(project.services[service]),
    });
    const containers = ['vpn', 'app'].map((s) => ({ id: s, name: `stack-${s}-1`, labels: labels(s), state: 'running' }));
    const plan = planUp(project, { containers, networks: [{ name: 'stack_default' }], volumes: [] });
    assert.deepEqual(plan.levels.flat().map((p) => p.actions[0].kind), ['noop', 'noop']);
    const state = { containers, networks: [], volumes: [], containerImages: new Map([['vpn', 'sha256:old'], ['app', 'sha256:alpine']]) };
    markImageChanges(plan, project, state, new Map([['busybox:latest', 'sha256:new'], ['alpine:latest', 'sha256:alpine']]));
    assert.deepEqual(plan.levels.flat().map((p) => `${p.service}:${p.actions[0].kind}`), ['vpn:recreate', 'app:recreate']);
  });

  it('links to the first container of a service on the endpoint and in HostConfig', () => {
    const loaded = load('services:\n  db:\n    image: busybox\n  app:\n    image: busybox\n    links: [db, "db:database"]\n    external_links: [legacy]\n');
    const { project } = loaded;
    assert.deepEqual(Object.keys(project.services.app.dependsOn), ['db']);
    const { create } = containerSpec(project, project.services.app, 'stack-app-1', 1, 'h');
    const links = ['stack-db-1:db', 'stack-db-1:stack-db-1', 'stack-db-1:database', 'legacy:legacy'];
    assert.deepEqual(create.HostConfig?.Links, links);
    assert.deepEqual(create.NetworkingConfig?.EndpointsConfig?.stack_default.Links, links);
  });
});
