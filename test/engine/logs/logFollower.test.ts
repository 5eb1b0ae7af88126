import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import { LogFollower } from '../../../src/logs/logFollower';
import { createTestContainer, engineSkip, requireEngine } from '../../support/engineHarness';
import { FollowerRecorder } from './followerRecorder';
import { connectEngine } from '../../support/engineWiring';

const COUNT = 40;
// Numbered lines on both streams, with colours, accents, the euro sign and an emoji, then one
// last line without a newline. printf's %b-free format keeps the shell from touching the bytes.
const SCRIPT = [
  'i=1',
  `while [ $i -le ${COUNT} ]; do`,
  `  printf '\\033[3%dmout %03d café €\\033[0m\\n' $((i % 7)) $i`,
  `  printf 'err %03d \\360\\237\\230\\200 \\033[1mbold\\033[22m\\n' $i >&2`,
  '  i=$((i + 1))',
  'done',
  "printf 'last without newline'",
].join('\n');

function expectedOut(): string[] {
  return [...Array.from({ length: COUNT }, (_, k) => `out ${String(k + 1).padStart(3, '0')} café €`), 'last without newline'];
}

function expectedErr(): string[] {
  return Array.from({ length: COUNT }, (_, k) => `err ${String(k + 1).padStart(3, '0')} \u{1F600} bold`);
}

describe('LogFollower against the engine', { skip: engineSkip(), concurrency: true }, () => {
  let docker: Docker;
  // The engine's event hub, as log followers get it in the extension.
  let engine: EngineConnection;
  const created: Docker.Container[] = [];

  before(async () => {
    docker = await requireEngine();
    engine = await connectEngine();
  });

  after(async () => {
    engine?.dispose();
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  async function followUntilStopped(container: Docker.Container, showTimestamps = false, keepLines = true): Promise<FollowerRecorder> {
    const follower = new LogFollower({ client: engine.client, containerId: container.id, events: engine, tail: 'all', showTimestamps, keepLines, coalesceMs: 20 });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('the container to stop', () => recorder.markers().some((m) => m.kind === 'stopped'));
    } finally {
      await follower.stop();
    }
    return recorder;
  }

  it('delivers what a non-TTY container printed, per stream and in order', async () => {
    const container = await createTestContainer(docker, { Cmd: ['sh', '-c', SCRIPT], Tty: false });
    created.push(container);
    const recorder = await followUntilStopped(container);
    assert.deepEqual(recorder.lines('stdout'), expectedOut());
    assert.deepEqual(recorder.lines('stderr'), expectedErr());
    assert.deepEqual(recorder.markers(), [{ kind: 'stopped', exitCode: 0 }]);
    assert.deepEqual(recorder.transcript().slice(-2), ['[stopped 0]', '[end]']);
  });

  it('renders the same text straight from the engine\'s bytes as through whole lines', async () => {
    // Plain lines (which skip decoding) between lines that must be decoded and cleaned.
    const mixed = `i=1; while [ $i -le 200 ]; do echo "plain $i café"; printf 'esc \\033[1m%d\\033[0m\\n' $i; printf 'tab\\there %d\\n' $i >&2; i=$((i + 1)); done; printf tail`;
    const container = await createTestContainer(docker, { Cmd: ['sh', '-c', mixed], Tty: false });
    created.push(container);
    for (const showTimestamps of [false, true]) {
      const fromLines = await followUntilStopped(container, showTimestamps, true);
      const fromBytes = await followUntilStopped(container, showTimestamps, false);
      const rendered = (r: FollowerRecorder): string[] => r.entries.flatMap((e) => (e.kind === 'line' ? [e.rendered] : []));
      assert.equal(rendered(fromLines).length, 601);
      if (!showTimestamps) for (const line of ['plain 200 café', 'esc 200', 'tab\there 200', 'tail']) assert.ok(rendered(fromBytes).includes(line), line);
      assert.deepEqual(rendered(fromBytes), rendered(fromLines));
    }
  });

  it('delivers what a TTY container printed, as one stream in the order written', async () => {
    const container = await createTestContainer(docker, { Cmd: ['sh', '-c', SCRIPT], Tty: true });
    created.push(container);
    const recorder = await followUntilStopped(container);
    const out = expectedOut();
    const err = expectedErr();
    const interleaved = err.flatMap((line, k) => [out[k], line]).concat(out[COUNT]);
    assert.deepEqual(recorder.lines('stdout'), interleaved);
    assert.deepEqual(recorder.lines('stderr'), []);
  });

  it('shows timestamps only when asked, and they match the engine', async () => {
    const container = await createTestContainer(docker, { Cmd: ['sh', '-c', 'echo one; echo two'], Tty: false });
    created.push(container);
    const recorder = await followUntilStopped(container, true);
    const rendered = recorder.entries.flatMap((e) => (e.kind === 'line' ? [e.rendered] : []));
    assert.equal(rendered.length, 2);
    const raw = (await container.logs({ stdout: true, stderr: true, timestamps: true, follow: false })).toString('utf8');
    const engineLines = raw.split('\n').filter(Boolean).map((l) => l.replace(/^[\s\S]{8}/, ''));
    assert.deepEqual(rendered, engineLines);
    assert.match(rendered[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z one$/);
  });

  it('starts with the requested tail, then reports the stop and the removal', async () => {
    const container = await createTestContainer(docker, {
      Cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo line-$i; done; exec sleep 3600'],
    });
    created.push(container);
    // The history must be complete before following, so the tail is deterministic.
    for (let tries = 0; tries < 100; tries++) {
      const logs = (await container.logs({ stdout: true, follow: false })).toString('latin1');
      if (logs.includes('line-6')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const follower = new LogFollower({ client: engine.client, containerId: container.id, events: engine, tail: 2, coalesceMs: 20 });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('the tail', () => recorder.lines().length >= 2);
      await container.kill();
      await recorder.waitFor('the stop', () => recorder.markers().length > 0);
      await container.remove({ force: true });
      await recorder.waitFor('the end', () => recorder.entries.some((e) => e.kind === 'end'));
    } finally {
      await follower.stop();
    }
    assert.deepEqual(recorder.transcript(), ['line-5', 'line-6', '[stopped 137]', '[removed]', '[end]']);
  });

  it('keeps its buffer bounded under a flood, losing nothing', async () => {
    const total = 30_000;
    const container = await createTestContainer(docker, { Cmd: ['seq', '1', String(total)] });
    created.push(container);
    const highWaterMark = 8 * 1024;
    const follower = new LogFollower({ client: engine.client, containerId: container.id, events: engine, tail: 'all', coalesceMs: 10, highWaterMark });
    const recorder = new FollowerRecorder(follower);
    let largestBatch = 0;
    follower.on('lines', (batch) => {
      largestBatch = Math.max(largestBatch, batch.lines.reduce((sum, l) => sum + l.text.length + 32, 0));
    });
    follower.start();
    try {
      await recorder.waitFor('the container to stop', () => recorder.markers().some((m) => m.kind === 'stopped'), 60_000);
    } finally {
      await follower.stop();
    }
    const seen = recorder.lines();
    assert.equal(seen.length, total);
    assert.ok(seen.every((text, k) => text === String(k + 1)), 'every number once, in order');
    // Reading stops once the mark is passed, so a batch holds at most the mark plus what the last
    // chunk read from the socket carried (at most 64 KiB), not the whole flood (about 1 MiB here).
    assert.ok(largestBatch < highWaterMark + 64 * 1024, `largest batch ${largestBatch}`);
  });
});
