import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { createTestContainer, engineSkip, requireEngine, testDockerHost, uniqueName } from '../support/engineHarness';
import { proxyFor } from '../support/socketProxy';
import { activateBerth, CONNECT_TIMEOUT_MS } from './berthApi';
import { labelIs, waitForEntry } from './viewHelpers';

// The engine "stops" by closing a proxy socket Berth is pointed at, so the shared test engine keeps
// running for everyone else.

async function waitForState(api: BerthApi, state: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (api.connectionState() !== state) {
    if (Date.now() > deadline) throw new Error(`connection state stayed ${api.connectionState()}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Engine going away and coming back', function () {
  let docker: Docker;
  let api: BerthApi;
  let container: Docker.Container | undefined;
  const proxy = proxyFor(testDockerHost(), 'itest');
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async function () {
    if (engineSkip() || !testDockerHost().startsWith('unix://')) this.skip();
    docker = await requireEngine();
    api = await activateBerth();
    await proxy.start();
    // A workspace value over the launcher's user setting, so the user setting is never rewritten.
    await config().update('dockerHost', `unix://${proxy.path}`, vscode.ConfigurationTarget.Workspace);
    await waitForState(api, 'connected');
  });

  after(async () => {
    // Removing the workspace value left Berth on the default socket in code-server (the user value
    // did not come back into effect); naming the test engine at the same level is dependable.
    await config().update('dockerHost', testDockerHost(), vscode.ConfigurationTarget.Workspace);
    await proxy.stop();
    await container?.remove({ force: true }).catch(() => undefined);
    // Later suites expect Berth back on the test engine.
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (api && !(api.endpoint() === testDockerHost() && api.connectionState() === 'connected') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('empties the views and says why while the engine is gone, then fills them again by itself', async () => {
    const name = uniqueName('reconnect');
    container = await createTestContainer(docker, { name });
    await waitForEntry(api, 'containers', labelIs(name), name);

    await proxy.stop();
    await waitForState(api, 'unreachable');
    assert.deepEqual(await api.viewItems('containers'), [], 'the welcome content shows only while the view is empty');
    assert.equal(api.connectionProblem(), 'socketMissing', 'the welcome content for a missing socket is the one shown');

    await proxy.start();
    await waitForState(api, 'connected', 45_000);
    await waitForEntry(api, 'containers', labelIs(name), `${name} after the reconnect`);
  });
});
