import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { resolveEndpoint } from '../../../src/engine/endpoint';
import { EngineConnection, type ConnectionState } from '../../../src/engine/engineConnection';
import { listContainers } from '../../../src/engine/listings';
import { cleanupTestObjects, createTestContainer, engineSkip, requireEngine, testDockerHost, testClient } from '../../support/engineHarness';
import { waitFor, wire } from '../../support/engineWiring';
import { proxyFor } from '../../support/socketProxy';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

function endpointFor(host: string): ReturnType<typeof resolveEndpoint> {
  return resolveEndpoint({ setting: host, env: {}, homeDir: os.homedir(), platform: process.platform, readFile: () => undefined });
}

describe('engine connection', { skip: engineSkip() }, () => {
  let docker: Docker;
  before(async () => {
    docker = await requireEngine();
  });
  after(async () => {
    if (docker) await cleanupTestObjects(docker);
  });

  it('lists a container the test created, with its compose labels and state', async () => {
    const container = await createTestContainer(docker, { Labels: { 'com.docker.compose.project': 'berthtest', 'com.docker.compose.service': 'web' } });
    const info = (await listContainers(client)).find((c) => c.id === container.id);
    assert.ok(info, 'created container is listed');
    assert.equal(info.state, 'running');
    assert.equal(info.composeProject, 'berthtest');
    assert.equal(info.composeService, 'web');
    assert.match(info.status, /^Up/);
  });

  it('reloads the containers list from the event stream when a container starts', async () => {
    const connection = new EngineConnection(endpointFor(testDockerHost()));
    const data = wire(connection);
    try {
      await connection.start();
      assert.equal(connection.state.kind, 'connected');
      await data.get('container');
      const container = await createTestContainer(docker, { start: false });
      await waitFor(() => data.peek('container')?.find((c) => c.id === container.id), 'the created container');
      await container.start();
      await waitFor(() => (data.peek('container')?.find((c) => c.id === container.id)?.state === 'running' ? true : undefined), 'the running state');
    } finally {
      connection.dispose();
    }
  });

  it('reports a missing socket, then reconnects by itself and resyncs when the engine comes back', async () => {
    const proxy = proxyFor(testDockerHost(), 'proxy');
    await proxy.start();
    const connection = new EngineConnection(endpointFor(`unix://${proxy.path}`), { firstMs: 100, maxMs: 400 });
    const states: ConnectionState['kind'][] = [];
    connection.onState.on((s) => states.push(s.kind));
    let resyncs = 0;
    connection.onResynced.on(() => resyncs++);
    try {
      await connection.start();
      assert.equal(connection.state.kind, 'connected');
      await proxy.stop();
      const down = await waitFor(() => (connection.state.kind === 'unreachable' ? connection.state : undefined), 'unreachable');
      assert.equal(down.problem, 'socketMissing');
      assert.match(down.message, /Is Docker running\?/);
      await proxy.start();
      await connection.whenConnected(5000);
      assert.equal(resyncs, 2);
      assert.deepEqual(states.filter((s, i) => s !== states[i - 1]).slice(0, 3), ['connected', 'connecting', 'unreachable']);
    } finally {
      connection.dispose();
      await proxy.stop();
    }
  });

  it('reports a timeout, instead of connecting for ever, when the endpoint accepts and never answers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-silent-'));
    const socketPath = path.join(dir, 'silent.sock');
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
    const connection = new EngineConnection(endpointFor(`unix://${socketPath}`), { firstMs: 60_000, maxMs: 60_000, answerMs: 300 });
    try {
      await connection.start();
      const state = connection.state;
      assert.equal(state.kind, 'unreachable');
      assert.equal(state.kind === 'unreachable' ? state.problem : '', 'timeout');
      assert.match(state.kind === 'unreachable' ? state.message : '', /No answer from unix:\/\/.*silent\.sock in time/);
    } finally {
      connection.dispose();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes no requests while idle besides the open event stream', async () => {
    const proxy = proxyFor(testDockerHost(), 'idle');
    await proxy.start();
    const connection = new EngineConnection(endpointFor(`unix://${proxy.path}`));
    const data = wire(connection);
    // Other test runs may share the engine; a reload right after one of their events is not idle traffic.
    const eventTimes: number[] = [];
    connection.onEvent.on(() => eventTimes.push(Date.now()));
    const provoked = (at: number): boolean => eventTimes.some((t) => t <= at && at - t < 1000);
    try {
      await connection.start();
      await data.get('container');
      await new Promise((r) => setTimeout(r, 300));
      const settled = proxy.requests.length;
      await new Promise((r) => setTimeout(r, 2000));
      const unprovoked = proxy.requests.slice(settled).filter((_, i) => !provoked(proxy.requestTimes[settled + i]));
      assert.deepEqual(unprovoked, []);
      assert.ok(proxy.requests.some((r) => r.includes('/events')), 'the event stream is open');
    } finally {
      connection.dispose();
      await proxy.stop();
    }
  });
});
