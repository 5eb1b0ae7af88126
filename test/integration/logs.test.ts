import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { createTestContainer, engineSkip, uniqueName } from '../support/engineHarness';
import { connectedBerth, itemLabel } from './berthApi';
import { labelAndContext, labelIs, waitForEntry } from './viewHelpers';

// The channels' real content: an output channel that is shown in the Output view is also a text
// document (scheme "output") in the extension host, kept in step with what the view displays.

const CHANNEL_TIMEOUT_MS = 30_000;

function channelDocument(channel: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.uri.path.endsWith(`-${channel}`));
}

async function waitForChannel(channel: string, what: string, done: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + CHANNEL_TIMEOUT_MS;
  for (;;) {
    const text = channelDocument(channel)?.getText();
    if (text !== undefined && done(text)) return text;
    if (Date.now() > deadline) {
      const outputs = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output').map((d) => d.uri.path);
      throw new Error(`channel "${channel}" never showed ${what}; it shows ${JSON.stringify(text ?? '(no document)')}; output documents: ${outputs.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const count = (text: string, line: string): number => lines(text).filter((l) => l === line).length;

describe('Container logs', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-logs-it-'));

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
  });

  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  // Prints its lines on every start, then waits; exits 0 on SIGTERM so a restart takes a second.
  const printing = (prefix: string, n: number): string[] => [
    'sh',
    '-c',
    `i=1; while [ $i -le ${n} ]; do echo "${prefix} $i"; i=$((i + 1)); done; echo "${prefix} err" >&2; trap "exit 0" TERM; while :; do sleep 1; done`,
  ];

  async function container(prefix: string, n: number, options: Partial<Docker.ContainerCreateOptions> = {}): Promise<{ name: string; c: Docker.Container; node: unknown }> {
    const name = uniqueName(prefix);
    const c = await createTestContainer(docker, { name, Cmd: printing(prefix, n), ...options });
    created.push(c);
    const entry = await waitForEntry(api, 'containers', labelIs(name), name);
    return { name, c, node: entry.node };
  }

  it('Show Logs opens a log channel named after the container with its stdout and stderr lines', async () => {
    const { name, node } = await container('show', 5);
    await vscode.commands.executeCommand('berth.container.showLogs', node);
    const text = await waitForChannel(`${name} (logs)`, 'the five lines and the stderr line', (t) => count(t, 'show 5') === 1 && count(t, 'show err') === 1);
    assert.deepEqual(lines(text).filter((l) => l.startsWith('show ') && l !== 'show err'), ['show 1', 'show 2', 'show 3', 'show 4', 'show 5']);
    assert.equal(channelDocument(`${name} (logs)`)?.languageId, 'log');
    // Only a followed container offers Stop Following Logs (its menu matches ".following").
    const followed = await waitForEntry(api, 'containers', labelAndContext(name, 'container.running.following'), `${name} marked as followed`);
    await vscode.commands.executeCommand('berth.container.stopFollowingLogs', followed.node);
    await waitForChannel(`${name} (logs)`, 'the stopped-following marker', (t) => t.includes(`stopped following ${name}`));
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.running'), `${name} no longer marked`);
  });

  it('the follow shows a stop marker with the exit code and a restart marker, and each run once', async function () {
    this.timeout(90_000);
    const { name, c, node } = await container('restart', 2);
    await vscode.commands.executeCommand('berth.container.showLogs', node);
    const channel = `${name} (logs)`;
    await waitForChannel(channel, 'the first run', (t) => count(t, 'restart 2') === 1);
    await c.restart({ t: 5 });
    const text = await waitForChannel(channel, 'the second run after the restart marker', (t) => count(t, 'restart 2') === 2);
    const shown = lines(text).map((l) => (l.startsWith('────') ? l.replace(/^──── \d\d:\d\d:\d\d /, '[').replace(/ ────$/, ']') : l));
    const stoppedAt = shown.indexOf(`[${name} stopped (exit code 0)]`);
    const startedAt = shown.findIndex((l) => l.startsWith(`[${name} started again`));
    assert.ok(stoppedAt > shown.indexOf('restart 2'), `no stop marker after the first run: ${shown.join(' | ')}`);
    assert.ok(startedAt > stoppedAt, `no restart marker after the stop marker: ${shown.join(' | ')}`);
    assert.equal(shown.lastIndexOf('restart 1') > startedAt, true, `the second run is not after the restart marker: ${shown.join(' | ')}`);
    assert.equal(count(text, 'restart 1'), 2, 'each run printed restart 1 once');
    await vscode.commands.executeCommand('berth.container.stopFollowingLogs', node);
  });

  it('a flood is shown in part: every line is shown once, in order, or counted by a skip marker', async function () {
    this.timeout(120_000);
    const total = 200_000;
    const { name, node } = await container('flood', 0, {
      Cmd: ['sh', '-c', `i=1; while [ $i -le ${total} ]; do echo "flood $i"; i=$((i + 1)); done; trap "exit 0" TERM; while :; do sleep 1; done`],
    });
    await vscode.commands.executeCommand('berth.container.showLogs', node);
    const channel = `${name} (logs)`;
    // The last line may be held back for up to a second before it goes out with its marker.
    const text = await waitForChannel(channel, `line ${total}`, (t) => t.includes(`flood ${total}\n`));
    await vscode.commands.executeCommand('berth.container.stopFollowingLogs', node);
    let previous: number | undefined;
    let pendingSkip = 0;
    let markers = 0;
    let shown = 0;
    for (const line of lines(text)) {
      const skip = /^──── \d\d:\d\d:\d\d skipped ([\d,]+) lines?: .*Save Logs As\.\.\..* ────$/.exec(line);
      if (skip) {
        pendingSkip += Number(skip[1].replace(/,/g, ''));
        markers++;
        continue;
      }
      const n = /^flood (\d+)$/.exec(line);
      if (!n) continue;
      const at = Number(n[1]);
      // The history before the follow began may start anywhere; from then on, nothing is lost or doubled.
      if (previous !== undefined) assert.equal(at, previous + 1 + pendingSkip, `after flood ${previous} and ${pendingSkip} skipped, flood ${at}`);
      previous = at;
      pendingSkip = 0;
      shown++;
    }
    assert.equal(previous, total);
    assert.ok(markers > 0, `a flood of ${total} lines was shown whole (${shown} lines): no skip marker`);
    assert.ok(shown < total, 'some lines were left out');
  });

  it('Show Last N Lines opens the last N lines in a read-only log editor', async () => {
    const { name, node, c } = await container('last', 6, { Cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo "last $i"; done'] });
    await c.wait();
    await vscode.commands.executeCommand('berth.container.showLastLines', node, undefined, { lines: 3 });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.scheme, 'berth-logs');
    assert.equal(editor.document.languageId, 'log');
    assert.ok(editor.document.uri.path.includes(name));
    assert.equal(editor.document.getText(), 'last 4\nlast 5\nlast 6\n');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Save Logs As writes the whole log to the chosen file', async () => {
    const { node, c } = await container('save', 0, { Cmd: ['sh', '-c', 'i=1; while [ $i -le 2000 ]; do printf "\\033[1msave %d\\033[0m\\n" $i; i=$((i + 1)); done'] });
    await c.wait();
    const file = path.join(dir, 'saved.log');
    await vscode.commands.executeCommand('berth.container.saveLogs', node, undefined, { uri: vscode.Uri.file(file) });
    assert.deepEqual(lines(fs.readFileSync(file, 'utf8')), Array.from({ length: 2000 }, (_, k) => `save ${k + 1}`));
  });

  it('compose project logs merge the services by timestamp, prefixed, and follow a new member', async function () {
    this.timeout(120_000);
    const project = uniqueName('proj').replace(/-/g, '');
    const compose = (service: string): Record<string, string> => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
    });
    const web = await container('web', 3, { Labels: compose('web') });
    const db = await container('db', 3, { Labels: compose('db') });
    const group = await waitForEntry(api, 'containers', (item) => itemLabel(item) === project, `project ${project}`);
    await vscode.commands.executeCommand('berth.composeProject.logs', group.node);
    const channel = `${project} (compose logs)`;
    await waitForChannel(channel, 'both services', (t) => t.includes('web  | web 3') && t.includes('db   | db 3'));

    // Compose's layout: names padded to the longest plus one, then "| ". Each service keeps the
    // order its container's log stream gives (stdout and stderr are stamped by separate copiers in
    // dockerd, so a stream's timestamps may step back); across services the lines go by timestamp,
    // where a line's key is the latest timestamp its service has shown so far.
    const stamped = async (c: Docker.Container, prefix: string): Promise<{ key: bigint; line: string }[]> => {
      const raw = ((await c.logs({ stdout: true, stderr: true, timestamps: true })) as unknown as Buffer).toString('utf8');
      let key = 0n;
      return [...raw.matchAll(/(\d{4}-\d\d-\d\dT[\d:.]+Z) ((?:web|db) (?:\d+|err))/g)].map((m) => {
        const at = nanos(m[1]);
        key = at > key ? at : key;
        return { key, line: `${prefix}${m[2]}` };
      });
    };
    const nanos = (at: string): bigint => {
      const [whole, fraction = ''] = at.replace('Z', '').split('.');
      return BigInt(Date.parse(`${whole}Z`)) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
    };
    const webLines = await stamped(web.c, 'web  | ');
    const dbLines = await stamped(db.c, 'db   | ');
    const shown = lines(channelDocument(channel)?.getText() ?? '').filter((l) => /^(web {2}|db {3})\| /.test(l));
    assert.deepEqual(shown.filter((l) => l.startsWith('web ')), webLines.map((e) => e.line));
    assert.deepEqual(shown.filter((l) => l.startsWith('db ')), dbLines.map((e) => e.line));
    const keyOf = new Map([...webLines, ...dbLines].map((e) => [e.line, e.key]));
    const keys = shown.map((l) => keyOf.get(l) ?? -1n);
    keys.forEach((key, i) => assert.ok(i === 0 || keys[i - 1] <= key, `"${shown[i]}" is shown after "${shown[i - 1]}", which has a later timestamp`));

    await container('worker', 2, { Labels: compose('worker') });
    const text = await waitForChannel(channel, 'the new worker container', (t) => t.includes('worker  | worker 2'));
    assert.match(text, /worker: new container .*; following it/);
    await vscode.commands.executeCommand('berth.container.stopFollowingLogs', group.node);
    await waitForChannel(channel, 'the stopped-following marker', (t) => t.includes(`stopped following compose project ${project}`));
  });
});
