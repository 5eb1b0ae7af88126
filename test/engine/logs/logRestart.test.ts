import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import { LogFollower } from '../../../src/logs/logFollower';
import { createTestContainer, engineSkip, requireEngine } from '../../support/engineHarness';
import { FollowerRecorder } from './followerRecorder';
import { connectEngine } from '../../support/engineWiring';

// Each run counts itself in a file of the container's own filesystem, which survives restarts,
// and prints five lines naming its run. Runs 1 and 2 then wait to be restarted; run 3 exits 3.
const SCRIPT = [
  'n=$(cat /run-count 2>/dev/null || echo 0)',
  'n=$((n + 1))',
  'echo $n > /run-count',
  'i=1',
  'while [ $i -le 5 ]; do echo "run-$n line-$i"; i=$((i + 1)); done',
  'echo "run-$n done"',
  '[ $n -ge 3 ] && exit 3',
  'exec sleep 3600',
].join('\n');

function runLines(run: number): string[] {
  return [...Array.from({ length: 5 }, (_, k) => `run-${run} line-${k + 1}`), `run-${run} done`];
}

describe('LogFollower across restarts', { skip: engineSkip(), concurrency: true }, () => {
  let docker: Docker;
  // The engine's event hub, as log followers get it in the extension.
  let engine: EngineConnection;
  let container: Docker.Container | undefined;

  before(async () => {
    docker = await requireEngine();
    engine = await connectEngine();
  });

  after(async () => {
    engine?.dispose();
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('emits every line exactly once, in order, with stop and start markers between runs', async () => {
    container = await createTestContainer(docker, { Cmd: ['sh', '-c', SCRIPT] });
    const follower = new LogFollower({ client: engine.client, containerId: container.id, events: engine, tail: 'all', coalesceMs: 20, retryInitialMs: 50 });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('run 1', () => recorder.lines().includes('run-1 done'));
      await container.restart({ t: 0 });
      await recorder.waitFor('run 2', () => recorder.lines().includes('run-2 done'));
      await container.restart({ t: 0 });
      await recorder.waitFor('run 3 to exit', () => recorder.markers().filter((m) => m.kind === 'stopped').length === 3);
      await container.remove({ force: true });
      await recorder.waitFor('the end', () => recorder.entries.some((e) => e.kind === 'end'));
    } finally {
      await follower.stop();
    }
    assert.deepEqual(recorder.transcript(), [
      ...runLines(1),
      '[stopped 137]',
      '[started]',
      ...runLines(2),
      '[stopped 137]',
      '[started]',
      ...runLines(3),
      '[stopped 3]',
      '[removed]',
      '[end]',
    ]);
  });

  it('resumes exactly after a stopped container is started again, even with no new output', async () => {
    const c = await createTestContainer(docker, { Cmd: ['sh', '-c', 'echo only-once-$(cat /seen 2>/dev/null); echo x > /seen; exit 1'] });
    const follower = new LogFollower({ client: engine.client, containerId: c.id, events: engine, tail: 'all', coalesceMs: 20 });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('the first stop', () => recorder.markers().length === 1);
      await c.start();
      await recorder.waitFor('the second stop', () => recorder.markers().filter((m) => m.kind === 'stopped').length === 2);
    } finally {
      await follower.stop();
      await c.remove({ force: true });
    }
    assert.deepEqual(recorder.transcript(), ['only-once-', '[stopped 1]', '[started]', 'only-once-x', '[stopped 1]', '[end]']);
  });
});
