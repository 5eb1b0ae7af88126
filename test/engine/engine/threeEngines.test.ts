import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import type { EngineData } from '../../../src/engine/engineData';
import type { EngineEvent } from '../../../src/engine/engineEvents';
import { cleanupTestObjects, createTestContainer, engineSkip, requireEngine, testDockerHost, testEndpoint, uniqueName } from '../../support/engineHarness';
import { connectEngine, waitFor, wire } from '../../support/engineWiring';
import { OTHER_ENGINES, requireOtherEngine } from '../../support/otherEngines';
import { proxyFor } from '../../support/socketProxy';

interface Wired {
  name: string;
  /** The test's own client to that engine, to make fixtures behind Berth's back. */
  fixtures: Docker;
  connection: EngineConnection;
  data: EngineData;
  events: EngineEvent[];
}

/**
 * Three engines at once, each with its own connection, event stream and lists, as the extension
 * holds them: the test engine (through a proxy the test can cut), the TLS engine and Podman. One
 * engine going away and coming back must not disturb the other two.
 */
describe('three engines connected at once', { skip: engineSkip() }, () => {
  const proxy = proxyFor(testDockerHost(), 'three-engines');
  const wired: Wired[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];

  const connect = async (name: string, fixtures: Docker, connection: EngineConnection): Promise<Wired> => {
    const entry: Wired = { name, fixtures, connection, data: wire(connection), events: [] };
    connection.onEvent.on((event) => entry.events.push(event));
    wired.push(entry);
    return entry;
  };

  before(async () => {
    const local = await requireEngine();
    cleanups.push(() => cleanupTestObjects(local));
    const others = [];
    for (const engine of [OTHER_ENGINES.tls, OTHER_ENGINES.podman]) {
      const client = await requireOtherEngine(engine);
      others.push(client.docker);
      cleanups.push(async () => {
        await cleanupTestObjects(client.docker);
        client.dispose();
      });
    }
    await proxy.start();
    await connect('local', local, await connectEngine(testEndpoint(`unix://${proxy.path}`), { firstMs: 50, maxMs: 200 }));
    await connect('tls', others[0], await connectEngine(OTHER_ENGINES.tls.endpoint()));
    await connect('podman', others[1], await connectEngine(OTHER_ENGINES.podman.endpoint()));
  });

  after(async () => {
    for (const entry of wired) entry.connection.dispose();
    await proxy.stop();
    for (const cleanup of cleanups) await cleanup();
  });

  it('lists each engine\'s own containers and gets each engine\'s events', async () => {
    const names = new Map<string, string>();
    for (const entry of wired) {
      const name = uniqueName(`three-${entry.name}`);
      names.set(entry.name, name);
      await entry.data.get('container');
      await createTestContainer(entry.fixtures, { name, start: false });
      await waitFor(() => (entry.data.peek('container')?.some((c) => c.name === name) ? true : undefined), `${name} in the ${entry.name} list`);
    }
    for (const entry of wired) {
      const list = entry.data.peek('container') ?? [];
      for (const [engine, name] of names) {
        assert.equal(list.some((c) => c.name === name), engine === entry.name, `${entry.name} lists ${name}: ${engine === entry.name ? 'expected' : 'not its own'}`);
      }
    }
  });

  it('one engine going away and coming back leaves the other two connected and live', async () => {
    const [local, tls, podman] = wired;
    await proxy.stop();
    await waitFor(() => (local.connection.state.kind === 'unreachable' ? true : undefined), 'the local engine to be unreachable');
    assert.equal(tls.connection.state.kind, 'connected');
    assert.equal(podman.connection.state.kind, 'connected');

    // While one is away, the others still see changes as they happen.
    const away = uniqueName('three-while-away');
    const seen = tls.events.length;
    await createTestContainer(tls.fixtures, { name: away, start: false });
    await waitFor(() => (tls.events.slice(seen).some((e) => e.Actor?.Attributes?.name === away) ? true : undefined), 'the TLS engine\'s create event');
    await waitFor(() => (tls.data.peek('container')?.some((c) => c.name === away) ? true : undefined), `${away} in the TLS list`);

    await proxy.start();
    await waitFor(() => (local.connection.state.kind === 'connected' ? true : undefined), 'the local engine to reconnect', 15_000);
    const name = uniqueName('three-back');
    await createTestContainer(local.fixtures, { name, start: false });
    await waitFor(() => (local.data.peek('container')?.some((c) => c.name === name) ? true : undefined), `${name} in the local list after the reconnect`);
    assert.equal(tls.connection.state.kind, 'connected');
    assert.equal(podman.connection.state.kind, 'connected');
  });
});
