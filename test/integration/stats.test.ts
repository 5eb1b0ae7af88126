import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { createTestContainer, engineSkip, uniqueName } from '../support/engineHarness';
import { connectedBerth } from './berthApi';
import { labelIs, waitForEntry } from './viewHelpers';

// The panels are checked through VS Code's own tab model: a webview tab records the view type it
// was opened with, so no extra accessor on Berth's API is needed.

function statsTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

async function waitForTab(viewType: string, label: (text: string) => boolean, what: string): Promise<vscode.Tab> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const tab = statsTabs(viewType).find((t) => label(t.label));
    if (tab) return tab;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} tab opened; webview tabs: ${statsTabs('').map((t) => t.label).join(', ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Container stats', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
  });

  after(async () => {
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  it('"Show Stats" on a container opens its stats panel, once', async () => {
    const name = uniqueName('stats');
    created.push(await createTestContainer(docker, { name, Cmd: ['sh', '-c', 'while :; do :; done'] }));
    const entry = await waitForEntry(api, 'containers', labelIs(name), name);
    await vscode.commands.executeCommand('berth.container.showStats', entry.node);
    const tab = await waitForTab('berth.stats', (label) => label === `Stats: ${name}`, `"Stats: ${name}"`);
    assert.ok(tab.isActive, 'the new panel is the active tab');

    // A second Show Stats reveals the same panel instead of opening another.
    await vscode.commands.executeCommand('berth.container.showStats', entry.node);
    assert.equal(statsTabs('berth.stats').filter((t) => t.label === `Stats: ${name}`).length, 1);
    await vscode.window.tabGroups.close(tab);
  });

  it('"Show Container Stats Overview" opens the overview panel', async () => {
    await vscode.commands.executeCommand('berth.stats.overview');
    const tab = await waitForTab('berth.statsOverview', (label) => label === 'Container Stats', '"Container Stats"');
    await vscode.window.tabGroups.close(tab);
  });
});
