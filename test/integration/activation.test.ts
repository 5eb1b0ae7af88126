import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { engineSkip, testDockerHost } from '../support/engineHarness';
import { activateBerth, berthExtension, CONNECT_TIMEOUT_MS, EXTENSION_ID } from './berthApi';

describe('Berth extension', () => {
  it(`is loaded as ${EXTENSION_ID} and activates`, async () => {
    const ext = berthExtension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('exposes the Berth API from activate()', async () => {
    const api = await activateBerth();
    assert.equal(typeof api.endpoint(), 'string');
  });

  it('registers berth.refresh and berth.engine.retry', async () => {
    await activateBerth();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('berth.refresh'), 'berth.refresh is not registered');
    assert.ok(commands.includes('berth.engine.retry'), 'berth.engine.retry is not registered');
  });

  it('registers every command its package.json contributes', async () => {
    await activateBerth();
    const contributed = ((berthExtension().packageJSON as { contributes?: { commands?: { command: string }[] } })
      .contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('connects to the engine named in berth.dockerHost', async function () {
    const skip = engineSkip();
    if (skip) this.skip();
    const configured = vscode.workspace.getConfiguration('berth').get<string>('dockerHost');
    assert.equal(configured, testDockerHost(), 'the launcher did not point berth.dockerHost at the test engine');
    const api = await activateBerth();
    await api.whenConnected(CONNECT_TIMEOUT_MS);
    // For display the endpoint may drop the scheme; the socket path or host:port must remain.
    const address = testDockerHost().replace(/^[a-z]+:\/\//, '');
    assert.ok(api.endpoint().includes(address), `endpoint() is "${api.endpoint()}", expected it to name ${address}`);
  });
});
