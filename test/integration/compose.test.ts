import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyDown } from '../../src/compose/composeDown';
import { cleanupTestObjects, engineSkip, requireEngine, TEST_RUN_ID, uniqueName, testClient } from '../support/engineHarness';
import { activateBerth, CONNECT_TIMEOUT_MS } from './berthApi';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

// Compose files are written into the opened workspace folder (so the editor treats them as the
// user's) and removed afterwards, together with everything their deploy created.

async function poll<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Compose editor', function () {
  let docker: Docker;
  let folder: string;
  const project = uniqueName('lens').replace(/[^a-z0-9-]/g, '');
  const labels = `      berth.test: "1"\n      berth.test.run: "${TEST_RUN_ID}"\n`;

  before(async function () {
    if (engineSkip()) this.skip();
    docker = await requireEngine();
    const api = await activateBerth();
    await api.whenConnected(CONNECT_TIMEOUT_MS);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the integration tests open a workspace folder');
    folder = path.join(root, project);
    fs.mkdirSync(folder, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (docker) {
      await applyDown(client, project, undefined, { volumes: true, stopTimeoutSeconds: 1 }).catch(() => undefined);
      await cleanupTestObjects(docker);
    }
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows Deploy on a compose file, its command brings the project up, and Down takes it away', async () => {
    const file = path.join(folder, 'compose.yaml');
    fs.writeFileSync(
      file,
      `name: ${project}\nservices:\n  app:\n    image: berth-test/busybox:latest\n    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]\n    labels:\n${labels}` +
        `networks:\n  default:\n    labels:\n${labels}`,
    );
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const lenses = await poll(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      return found?.some((l) => l.command?.command === 'berth.compose.deploy') ? found : undefined;
    }, 'the Deploy CodeLens');
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('Down')), `no Down lens in ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => t.includes('Deploy service')), `no service lens in ${titles.join(' | ')}`);
    assert.ok(titles.includes('0/1 running'), `no project state in ${titles.join(' | ')}`);
    const serviceLens = lenses.find((l) => l.command?.command === 'berth.compose.deployService');
    assert.equal(serviceLens?.range.start.line, 2);

    const deploy = lenses.find((l) => l.command?.command === 'berth.compose.deploy')!;
    await vscode.commands.executeCommand(deploy.command!.command, ...(deploy.command!.arguments ?? []));
    const info = await docker.getContainer(`${project}-app-1`).inspect();
    assert.equal(info.State.Running, true);
    assert.equal(info.Config.Labels['com.docker.compose.project'], project);
    await poll(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      return found?.some((l) => l.command?.title === '1/1 running') ? true : undefined;
    }, 'the lens to say 1/1 running');

    // Down asks in a modal, which the extension host cannot answer; with confirmRemovals off it does not ask.
    const config = vscode.workspace.getConfiguration('berth');
    await config.update('confirmRemovals', false, vscode.ConfigurationTarget.Global);
    try {
      const down = lenses.find((l) => l.command?.command === 'berth.compose.down')!;
      const tookDown = await vscode.commands.executeCommand<boolean>(down.command!.command, ...(down.command!.arguments ?? []));
      assert.equal(tookDown, true);
    } finally {
      await config.update('confirmRemovals', undefined, vscode.ConfigurationTarget.Global);
    }
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
    assert.deepEqual(left, []);
    assert.deepEqual(await docker.listNetworks({ filters: JSON.stringify({ name: [`${project}_default`] }) }), []);
  });

  it('reports a misspelt key in the Problems panel at its exact range', async () => {
    const dir = path.join(folder, 'typo');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'docker-compose.yml');
    fs.writeFileSync(file, 'services:\n  web:\n    image: berth-test/busybox:latest\n    enviroment:\n      A: "1"\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const diagnostic = await poll(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.message.includes('enviroment')), 'a diagnostic for enviroment');
    assert.equal(diagnostic.range.start.line, 3);
    assert.equal(diagnostic.range.start.character, 4);
    assert.equal(diagnostic.range.end.character, 4 + 'enviroment'.length);
    assert.match(diagnostic.message, /environment/);
  });
});
