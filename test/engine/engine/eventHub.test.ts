import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import { LogFollower } from '../../../src/logs/logFollower';
import { RunningContainers } from '../../../src/stats/history/runningContainers';
import { cleanupTestObjects, createTestContainer, engineSkip, requireEngine, testDockerHost, testEndpoint } from '../../support/engineHarness';
import { connectEngine, waitFor } from '../../support/engineWiring';
import { proxyFor } from '../../support/socketProxy';
import { FollowerRecorder } from '../logs/followerRecorder';

// Counts its runs in its own filesystem, says which run it is, and exits.
const RUN_ONCE = 'n=$(cat /n 2>/dev/null || echo 0); n=$((n + 1)); echo $n > /n; echo "run-$n"';

/**
 * One /events request per engine: the connection's stream feeds the log followers (their container's
 * start and destroy) and the running-containers tracker of the metrics recorder. Berth reaches the
 * engine only through a counting proxy; the test sets up and starts containers directly.
 */
describe('the engine event hub', { skip: engineSkip() }, () => {
  let docker: Docker;
  let engine: EngineConnection | undefined;
  const proxy = proxyFor(testDockerHost(), 'hub-proxy');
  const eventRequests = (): string[] => proxy.requests.filter((r) => /^GET \/(v[\d.]+\/)?events\b/.test(r));

  before(async () => {
    docker = await requireEngine();
    await proxy.start();
    engine = await connectEngine(testEndpoint(`unix://${proxy.path}`), { firstMs: 50, maxMs: 200 });
  });

  after(async () => {
    engine?.dispose();
    await proxy.stop();
    if (docker) await cleanupTestObjects(docker);
  });

  it('serves two log followers and the running-containers tracker from one /events request, and they cope with a resync', async () => {
    const hub = engine!;
    const running = new RunningContainers();
    assert.equal(await running.follow(hub.client, hub), true);
    const containers = [await createTestContainer(docker, { Cmd: ['sh', '-c', RUN_ONCE] }), await createTestContainer(docker, { Cmd: ['sh', '-c', RUN_ONCE] })];
    const followers = containers.map((c) => new LogFollower({ client: hub.client, containerId: c.id, events: hub, tail: 'all', coalesceMs: 20, retryInitialMs: 50 }));
    const recorders = followers.map((f) => new FollowerRecorder(f));
    followers.forEach((f) => f.start());
    try {
      // Both runs ended: each follower now waits for its container's next start.
      for (const r of recorders) await r.waitFor('the first run to stop', () => r.markers().some((m) => m.kind === 'stopped'));

      // Starts the hub sees: the follower follows the next run, the tracker counts a container as running.
      await containers[0].start();
      await recorders[0].waitFor('run 2 of the first container', () => recorders[0].lines().includes('run-2'));
      const early = await createTestContainer(docker);
      await waitFor(() => (running.list.includes(early.id) ? true : undefined), 'the tracker to see a start');
      assert.deepEqual(eventRequests().length, 1, `event requests: ${eventRequests().join(', ')}`);

      // A start the hub misses (the engine's connection is down meanwhile): after the resync the
      // follower looks at its container again, and the tracker lists the running ones again.
      await proxy.stop();
      await waitFor(() => (hub.state.kind !== 'connected' ? true : undefined), 'the connection to notice the outage');
      await docker.getContainer(containers[1].id).start();
      await docker.getContainer(containers[1].id).wait();
      const sleeper = await createTestContainer(docker);
      await proxy.start();
      await recorders[1].waitFor('run 2 of the second container, after the resync', () => recorders[1].lines().includes('run-2'));
      await waitFor(() => (running.list.includes(sleeper.id) ? true : undefined), 'the tracker to list the container started during the outage');
      const stoppedTwice = (r: FollowerRecorder): boolean => r.markers().filter((m) => m.kind === 'stopped').length >= 2;
      for (const r of recorders) await r.waitFor('the second run to stop', () => stoppedTwice(r));
      // One more /events request: the hub's reconnection, not one per follower.
      assert.equal(eventRequests().length, 2, `event requests: ${eventRequests().join(', ')}`);
    } finally {
      await Promise.all(followers.map((f) => f.stop()));
      running.stop();
    }
    assert.deepEqual(recorders[0].transcript().filter((t) => t !== '[reconnecting]'), ['run-1', '[stopped 0]', '[started]', 'run-2', '[stopped 0]', '[end]']);
    assert.deepEqual(recorders[1].transcript().filter((t) => t !== '[reconnecting]'), ['run-1', '[stopped 0]', '[started]', 'run-2', '[stopped 0]', '[end]']);
  });
});
