import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportLogs, fetchLastLines } from '../../../src/logs/logExport';
import { LogFollower } from '../../../src/logs/logFollower';
import { cleanupTestObjects, createTestContainer, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { connectEngine } from '../../support/engineWiring';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const COUNT = 300;
// Numbered lines on both streams, coloured, with multi-byte text, and a last line without newline.
const SCRIPT = [
  'i=1',
  `while [ $i -le ${COUNT} ]; do`,
  `  printf '\\033[32mout %04d café\\033[0m\\n' $i`,
  `  printf 'err %04d \\360\\237\\230\\200\\n' $i >&2`,
  '  i=$((i + 1))',
  'done',
  "printf 'tail end'",
].join('\n');

const numbered = (prefix: string, suffix: string): string[] => Array.from({ length: COUNT }, (_, k) => `${prefix} ${String(k + 1).padStart(4, '0')} ${suffix}`);

describe('Log export and last lines against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  // The engine's event hub, as log followers get it in the extension.
  let engine: EngineConnection;
  let container: Docker.Container;
  let dir: string;

  before(async () => {
    docker = await requireEngine();
    engine = await connectEngine();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-log-export-'));
    container = await createTestContainer(docker, { Cmd: ['sh', '-c', SCRIPT] });
    await container.wait();
  });

  after(async () => {
    engine?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    await cleanupTestObjects(docker);
  });

  it('writes the whole log, both streams, escape sequences stripped, streamed to the file', async () => {
    const file = path.join(dir, 'whole.log');
    const progress: number[] = [];
    const count = await exportLogs(client, container.id, fs.createWriteStream(file), { tty: false, timestamps: false, onProgress: (n) => progress.push(n) });
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'every line ends in a newline');
    assert.equal(count, lines.length);
    assert.deepEqual(lines.filter((l) => l.startsWith('out ')), numbered('out', 'café'));
    assert.deepEqual(lines.filter((l) => l.startsWith('err ')), numbered('err', '\u{1F600}'));
    assert.equal(lines.at(-1), 'tail end');
    assert.equal(lines.length, 2 * COUNT + 1);
    assert.ok(!lines.some((l) => l.includes('\u001b')), 'no escape sequence left');
  });

  it('prefixes timestamps when asked', async () => {
    const file = path.join(dir, 'stamped.log');
    await exportLogs(client, container.id, fs.createWriteStream(file), { tty: false, timestamps: true });
    const first = fs.readFileSync(file, 'utf8').split('\n')[0];
    assert.match(first, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z (out|err) 0001 /);
  });

  it('fails with the engine reason for a container that does not exist', async () => {
    const file = path.join(dir, 'missing.log');
    await assert.rejects(exportLogs(client, 'berth-test-no-such-container', fs.createWriteStream(file), { tty: false, timestamps: false }), /no such container/i);
  });

  it('fetches exactly the last N lines', async () => {
    const { text, count } = await fetchLastLines(client, container.id, false, { tail: 3, timestamps: false });
    assert.equal(count, 3);
    const lines = text.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.at(-1), 'tail end');
    // Across stdout and stderr the engine's order is by arrival, so the two before it are among the last four printed.
    const lastFour = [...numbered('out', 'café').slice(-2), ...numbered('err', '\u{1F600}').slice(-2)];
    for (const line of lines.slice(0, 2)) assert.ok(lastFour.includes(line), `${line} is not among the last lines printed`);
  });

  it('holds each batch back until the consumer of the previous one is done, losing nothing', async () => {
    const flood = await createTestContainer(docker, { Cmd: ['seq', '1', '20000'] });
    await flood.wait();
    let busy = false;
    let overlapped = false;
    const seen: string[] = [];
    const follower = new LogFollower({
      client: engine.client,
      containerId: flood.id,
      events: engine,
      tail: 'all',
      coalesceMs: 5,
      highWaterMark: 16 * 1024,
      onBatch: async (batch) => {
        if (busy) overlapped = true;
        busy = true;
        seen.push(...batch.text.split('\n').slice(0, -1));
        await new Promise((resolve) => setTimeout(resolve, 5));
        busy = false;
      },
    });
    const stopped = new Promise<void>((resolve) => follower.on('marker', (m) => m.kind === 'stopped' && resolve()));
    follower.start();
    await stopped;
    await follower.stop();
    assert.equal(overlapped, false, 'a batch arrived while the consumer was still busy with the previous one');
    assert.deepEqual(seen, Array.from({ length: 20000 }, (_, k) => String(k + 1)));
  });
});
