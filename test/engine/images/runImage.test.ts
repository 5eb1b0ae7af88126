import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerDetails } from '../../../src/containers/containerDetails';
import { parseEnvAssignments, parsePortMappings, runImage } from '../../../src/images/runImage';
import { engineSkip, TEST_IMAGE, TEST_LABELS, uniqueName, testClient } from '../../support/engineHarness';
import { engineTestObjects, STOPPABLE_CMD, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

describe('run image', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  before(async () => ({ docker, objects } = await engineTestObjects()));
  after(async () => objects?.cleanup());

  it('creates and starts a container with a published port and env', async () => {
    const ports = parsePortMappings('127.0.0.1::8080, 5353/udp');
    const env = parseEnvAssignments('GREETING=hello world, API_TOKEN=s3cret');
    assert.ok(ports.ok && env.ok);
    const name = uniqueName('run');
    const id = await runImage(client, { image: TEST_IMAGE, name, ports: ports.ports, env: env.env, labels: TEST_LABELS, cmd: STOPPABLE_CMD });
    objects.containers.add(id);
    const details = containerDetails(await docker.getContainer(id).inspect());
    assert.equal(details.name, name);
    assert.equal(details.labels['berth.test'], '1');
    assert.deepEqual(details.env.filter((e) => e.name !== 'PATH'), [
      { name: 'GREETING', value: 'hello world', secret: false },
      { name: 'API_TOKEN', value: 's3cret', secret: true },
    ]);
    const http = details.ports.find((p) => p.containerPort === 8080);
    assert.ok(http?.hostPort !== undefined && http.hostPort > 0, 'the engine chose a host port');
    assert.equal(http.hostIp, '127.0.0.1');
    assert.equal(http.url, `http://localhost:${http.hostPort}`);
    // A lone container port is published on a port the engine picks, as with docker run -p 5353/udp.
    const dns = details.ports.find((p) => p.containerPort === 5353);
    assert.equal(dns?.protocol, 'udp');
    assert.ok(dns.hostPort !== undefined && dns.hostPort > 0);
    assert.equal(dns.url, undefined, 'no URL for udp');

    // The same host port again: the engine refuses to start, and the half-made container goes away.
    const clash = uniqueName('clash');
    await assert.rejects(
      runImage(client, { image: TEST_IMAGE, name: clash, ports: [{ hostIp: '127.0.0.1', hostPort: http.hostPort, containerPort: 80, protocol: 'tcp' }], env: [], labels: TEST_LABELS, cmd: STOPPABLE_CMD }),
      (err: Error) => {
        assert.match(err.message, /port is already allocated|address already in use/);
        return true;
      },
    );
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [clash] }) });
    assert.deepEqual(left, [], 'no half-made container is left behind');
  });

  it('refuses a bad name or image reference before sending', async () => {
    await assert.rejects(runImage(client, { image: TEST_IMAGE, name: 'x', ports: [], env: [], labels: TEST_LABELS }), { message: /^Container names must be/ });
    await assert.rejects(runImage(client, { image: 'Berth/Busybox', ports: [], env: [], labels: TEST_LABELS }), { message: /^Image references must be lowercase/ });
    await assert.rejects(runImage(client, { image: 'berth-test/no-such-image:never', ports: [], env: [], labels: TEST_LABELS }), { message: /^No such image: berth-test\/no-such-image:never$/ });
  });
});
