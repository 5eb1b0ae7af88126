import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../src/engine/engineConnection';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportLogs } from '../../../src/logs/logExport';
import { LogFollower } from '../../../src/logs/logFollower';
import { engineSkip, testClient } from '../../support/engineHarness';
import { engineTestObjects, type TestObjects } from '../../support/testObjects';
import { FollowerRecorder } from './followerRecorder';
import { connectEngine } from '../../support/engineWiring';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

// Issue 9 item 9: one line of a million characters. The engine stores it as 16 KiB messages and
// counts each as a line for `tail`; a log channel must say what it leaves out, a file must hold it all.
const LENGTH = 1_000_000;
const SCRIPT = `head -c ${LENGTH} /dev/zero | tr '\\0' x; echo; echo next; trap "exit 0" TERM; while :; do sleep 1; done`;

describe('A line longer than a log channel shows', { skip: engineSkip() }, () => {
  // The engine's event hub, as log followers get it in the extension.
  let engine: EngineConnection;
  let objects: TestObjects;
  let container: Docker.Container;
  let dir: string;

  before(async () => {
    ({ objects } = await engineTestObjects());
    engine = await connectEngine();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-long-line-'));
    container = await objects.container({ Cmd: ['sh', '-c', SCRIPT] });
  });

  after(async () => {
    engine?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    await objects.cleanup();
  });

  async function follow(tail: number | 'all'): Promise<string[]> {
    const follower = new LogFollower({ client: engine.client, containerId: container.id, events: engine, tail, coalesceMs: 20 });
    const recorder = new FollowerRecorder(follower);
    follower.start();
    try {
      await recorder.waitFor('the line after the long one', () => recorder.lines().includes('next'));
    } finally {
      await follower.stop();
    }
    return recorder.lines();
  }

  it('shows the start of the line and one marker saying the rest is left out', async () => {
    const lines = await follow('all');
    assert.deepEqual(lines.map((l) => (l.startsWith('x') ? `x × ${l.length}` : l.replace(/^──── \d\d:\d\d:\d\d /, ''))), [
      `x × ${256 * 1024 - '2026-11-30T02:49:11.300884273Z '.length}`,
      'the line above goes on past 262,144 characters; the rest of it is not shown here (Save Logs As... writes it whole) ────',
      'next',
    ]);
    assert.ok(lines[0] === 'x'.repeat(lines[0].length));
  });

  it('says when the last lines asked for begin inside the line', async () => {
    // 20 engine messages are 20 pieces of the million-character line, ending with "next".
    const lines = await follow(20);
    assert.match(lines[0], /^──── \d\d:\d\d:\d\d the line below may have begun before the history loaded: .*\(Save Logs As\.\.\. writes it whole\) ────$/);
    assert.ok(/^x+$/.test(lines[1]), 'then the part of the line that was loaded');
    assert.equal(lines.at(-1), 'next');
    assert.equal(lines.filter((l) => l.includes('may have begun')).length, 1);
  });

  it('writes the whole line to a file', async () => {
    const file = path.join(dir, 'whole.log');
    const count = await exportLogs(client, container.id, fs.createWriteStream(file), { tty: false, timestamps: false });
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.length, LENGTH + '\nnext\n'.length);
    assert.ok(text === `${'x'.repeat(LENGTH)}\nnext\n`, 'the line whole, then the next');
    assert.equal(count, 2);
  });
});
