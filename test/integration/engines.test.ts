import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { engineSkip, testDockerHost, uniqueName } from '../support/engineHarness';
import { OTHER_ENGINES } from '../support/otherEngines';
import { CONNECT_TIMEOUT_MS, connectedBerth, itemLabel, VIEW_UPDATE_TIMEOUT_MS } from './berthApi';

// The launcher gives this extension host a DOCKER_CONFIG of its own, so the contexts made here never
// touch the machine's ~/.docker.
const configDir = process.env.DOCKER_CONFIG ?? '';
const cli = (args: string[]): string => execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' });
const certs = path.join(`${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}-tls`, 'certs');

async function engineRows(api: BerthApi, until: (rows: vscode.TreeItem[]) => boolean, what: string): Promise<vscode.TreeItem[]> {
  const deadline = Date.now() + VIEW_UPDATE_TIMEOUT_MS;
  for (;;) {
    const rows = await api.engineItems();
    if (until(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; rows: ${rows.map((r) => `${itemLabel(r)} (${String(r.description)})`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Engines view and Docker contexts', function () {
  let api: BerthApi;
  const made: string[] = [];
  let workspaceHost: string | undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async function () {
    if (engineSkip()) this.skip();
    if (!configDir.includes('berth-')) throw new Error(`DOCKER_CONFIG (${configDir || 'unset'}) is not the launcher's test folder; refusing to touch a real context store`);
    ({ api } = await connectedBerth());
    await config().update('confirmRemovals', false, vscode.ConfigurationTarget.Global);
    // Named in the workspace too, so that "Use" leaves Berth where it is (the setting wins over contexts).
    workspaceHost = config().inspect<string>('dockerHost')?.workspaceValue;
    await config().update('dockerHost', testDockerHost(), vscode.ConfigurationTarget.Workspace);
    await api.whenConnected(CONNECT_TIMEOUT_MS);
  });

  after(async () => {
    await config().update('confirmRemovals', undefined, vscode.ConfigurationTarget.Global);
    // Back to the test engine, as the reconnect test leaves it: in code-server a Global settings update
    // made by another suite can hide the launcher's user setting from this extension host, so clearing
    // the workspace value could send Berth to the platform default socket for the suites after this one.
    await config().update('dockerHost', workspaceHost ?? testDockerHost(), vscode.ConfigurationTarget.Workspace);
    await api.whenConnected(CONNECT_TIMEOUT_MS);
    for (const name of made) {
      try {
        cli(['context', 'rm', '-f', name]);
      } catch {
        // Already removed by the test.
      }
    }
  });

  it('shows the engine in use, and a TLS context created with the command, which the docker CLI lists', async () => {
    const name = uniqueName('ctx');
    made.push(name);
    const host = OTHER_ENGINES.tls.host;
    await vscode.commands.executeCommand('berth.engines.createContext', {
      name,
      host,
      description: 'the TLS test engine',
      ca: path.join(certs, 'ca.pem'),
      cert: path.join(certs, 'cert.pem'),
      key: path.join(certs, 'key.pem'),
    });
    const rows = await engineRows(api, (r) => r.some((row) => itemLabel(row) === name), `context ${name} in the Engines view`);
    assert.match(itemLabel(rows[0]), /^Docker Engine \d/);
    assert.ok(String(rows[0].description).startsWith(api.endpoint()), `in-use row: ${String(rows[0].description)}`);
    assert.match(String(rows.find((row) => itemLabel(row) === name)?.description), /tcp:\/\/127\.0\.0\.1:\d+ · TLS/);
    assert.ok(cli(['context', 'ls', '--format', '{{.Name}}']).split('\n').includes(name));
    // The TLS files landed where the CLI looks for them: it reaches the TLS engine through the context.
    assert.match(cli(['--context', name, 'version', '--format', '{{.Server.Version}}']).trim(), /^\d+\./);
  });

  it('Use makes a context current for the docker CLI; Berth keeps the engine berth.dockerHost names', async () => {
    const name = made[0];
    const endpoint = api.endpoint();
    await vscode.commands.executeCommand('berth.engines.useContext', { name });
    assert.equal(cli(['context', 'show']).trim(), name);
    await engineRows(api, (r) => r.some((row) => itemLabel(row) === name && String(row.description).endsWith('current')), `${name} marked current`);
    assert.equal(api.endpoint(), endpoint);
    assert.equal(api.connectionState(), 'connected');
  });

  it('a context the docker CLI creates shows up by itself; Remove takes it away for the CLI too', async () => {
    const name = uniqueName('cli-ctx');
    made.push(name);
    cli(['context', 'create', name, '--docker', 'host=ssh://root@127.0.0.1:2222']);
    await engineRows(api, (r) => r.some((row) => itemLabel(row) === name), `${name}, created by the CLI, in the view`);
    await vscode.commands.executeCommand('berth.engines.removeContext', { name });
    await engineRows(api, (r) => !r.some((row) => itemLabel(row) === name), `${name} gone from the view`);
    assert.ok(!cli(['context', 'ls', '--format', '{{.Name}}']).split('\n').includes(name));
  });
});
