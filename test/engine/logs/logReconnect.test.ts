import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import { LogFollower } from '../../../src/logs/logFollower';
import { createTestContainer, engineSkip, requireEngine, testDockerHost, testEndpoint } from '../../support/engineHarness';
import { connectEngine } from '../../support/engineWiring';
import { proxyFor } from '../../support/socketProxy';
import { FollowerRecorder } from './followerRecorder';

describe('LogFollower when the engine connection drops', { skip: engineSkip() }, () => {
  let docker: Docker;
  let container: Docker.Container | undefined;
  let viaProxy: EngineConnection | undefined;
  const proxy = proxyFor(testDockerHost(), 'logs-proxy');

  before(async () => {
    docker = await requireEngine();
    await proxy.start();
    // The follower reaches the engine, its events included, only through the proxy.
    viaProxy = await connectEngine(testEndpoint(`unix://${proxy.path}`), { firstMs: 50, maxMs: 200 });
  });

  after(async () => {
    viaProxy?.dispose();
    await proxy.stop();
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('reconnects with back-off and resumes without losing or repeating a line', async () => {
    container = await createTestContainer(docker, {
      Cmd: ['sh', '-c', 'i=0; while true; do i=$((i + 1)); echo tick-$i; usleep 20000; done'],
    });
    const follower = new LogFollower({
      client: viaProxy!.client,
      containerId: container.id,
      events: viaProxy!,
      tail: 'all',
      coalesceMs: 20,
      retryInitialMs: 50,
      retryMaxMs: 200,
    });
    const recorder = new FollowerRecorder(follower);
    const ticks = (): number[] => recorder.lines().map((l) => Number(/^tick-(\d+)$/.exec(l)?.[1]));
    follower.start();
    try {
      await recorder.waitFor('some ticks', () => ticks().length >= 10);
      await proxy.stop();
      await recorder.waitFor('a reconnecting marker', () => recorder.markers().some((m) => m.kind === 'reconnecting'));
      const before = Math.max(...ticks());
      // Let the container print while the follower cannot reach the engine.
      await new Promise((r) => setTimeout(r, 300));
      await proxy.start();
      await recorder.waitFor('ticks printed during the outage and after', () => Math.max(...ticks()) >= before + 30);
    } finally {
      await follower.stop();
    }
    const seen = ticks();
    assert.deepEqual(seen, Array.from({ length: seen.length }, (_, k) => k + 1), 'every tick once, in order');
    const markers = recorder.markers();
    assert.ok(markers.length > 0 && markers.every((m) => m.kind === 'reconnecting'), JSON.stringify(markers));
  });
});

// Counts its runs in its own filesystem; on SIGTERM says goodbye and exits 5.
const RUN_SCRIPT = [
  'n=$(cat /run-count 2>/dev/null || echo 0)',
  'n=$((n + 1))',
  'echo $n > /run-count',
  "trap 'echo run-$n bye; exit 5' TERM",
  'echo "run-$n hello"',
  'sleep 3600 & wait',
].join('\n');

describe('LogFollower when the container restarts during an engine outage', { skip: engineSkip() }, () => {
  let docker: Docker;
  let container: Docker.Container | undefined;
  let viaProxy: EngineConnection | undefined;
  const proxy = proxyFor(testDockerHost(), 'logs-proxy');

  before(async () => {
    docker = await requireEngine();
    await proxy.start();
    // The follower reaches the engine, its events included, only through the proxy.
    viaProxy = await connectEngine(testEndpoint(`unix://${proxy.path}`), { firstMs: 50, maxMs: 200 });
  });

  after(async () => {
    viaProxy?.dispose();
    await proxy.stop();
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('shows what the old run printed, then its stop and the new start, in order', async () => {
    container = await createTestContainer(docker, { Cmd: ['sh', '-c', RUN_SCRIPT] });
    const follower = new LogFollower({
      client: viaProxy!.client,
      containerId: container.id,
      events: viaProxy!,
      tail: 'all',
      coalesceMs: 20,
      retryInitialMs: 50,
      retryMaxMs: 200,
    });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('run 1', () => recorder.lines().includes('run-1 hello'));
      await proxy.stop();
      // Restarted behind the follower's back: it sees neither the stream end nor the events.
      await container.restart({ t: 10 });
      for (let tries = 0; tries < 200; tries++) {
        const logs = (await container.logs({ stdout: true, follow: false })).toString('latin1');
        if (logs.includes('run-2 hello')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await proxy.start();
      await recorder.waitFor('run 2', () => recorder.lines().includes('run-2 hello'));
    } finally {
      await follower.stop();
    }
    const transcript = recorder.transcript().filter((t) => t !== '[reconnecting]');
    assert.deepEqual(transcript, ['run-1 hello', 'run-1 bye', '[stopped 5]', '[started]', 'run-2 hello', '[end]']);
    assert.ok(recorder.markers().some((m) => m.kind === 'reconnecting'));
  });
});
