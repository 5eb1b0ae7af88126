import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { createTestContainer, engineSkip, uniqueName } from '../support/engineHarness';
import { connectedBerth, itemLabel, VIEW_UPDATE_TIMEOUT_MS } from './berthApi';
import { labelAndContext, labelIs, waitForEntry, waitForNoEntry } from './viewHelpers';

// Each command runs from its id against a real container; the view must follow through the event
// stream alone (no refresh command is ever issued here).

describe('Container commands', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
    // Modal confirmations cannot be answered from the extension host; the UI test answers one.
    await config().update('confirmRemovals', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('confirmRemovals', undefined, vscode.ConfigurationTarget.Global);
    await config().update('containers.showAll', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  // Exits on SIGTERM (sleep as PID 1 would not), so stop takes a second, not the 10 s grace period.
  const STOPPABLE = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

  async function container(options: Partial<Docker.ContainerCreateOptions> = {}): Promise<{ name: string; id: string }> {
    const name = uniqueName('cmd');
    const c = await createTestContainer(docker, { name, Cmd: STOPPABLE, ...options });
    created.push(c);
    const state = (await c.inspect()).State.Running ? 'container.running' : 'container.exited';
    await waitForEntry(api, 'containers', labelAndContext(name, state), `${name} (${state})`);
    return { name, id: c.id };
  }

  async function run(command: string, name: string, ...extra: unknown[]): Promise<void> {
    const entry = await waitForEntry(api, 'containers', labelIs(name), name);
    await vscode.commands.executeCommand(command, entry.node, ...extra);
  }

  it('stop, start, pause, unpause, restart and kill each show in the view', async () => {
    const { name, id } = await container();
    await run('berth.container.stop', name);
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.exited'), `${name} exited`);
    await run('berth.container.start', name);
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.running'), `${name} running`);
    await run('berth.container.pause', name);
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.paused'), `${name} paused`);
    await run('berth.container.unpause', name);
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.running'), `${name} running again`);
    const before = (await docker.getContainer(id).inspect()).State.StartedAt;
    await run('berth.container.restart', name);
    assert.notEqual((await docker.getContainer(id).inspect()).State.StartedAt, before, 'restart did not restart');
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.running'), `${name} running after restart`);
    await run('berth.container.kill', name);
    await waitForEntry(api, 'containers', labelAndContext(name, 'container.exited'), `${name} killed`);
    assert.equal((await docker.getContainer(id).inspect()).State.ExitCode, 137, 'kill sends SIGKILL');
  });

  it('rename takes the new name and the view follows', async () => {
    const { name, id } = await container();
    const renamed = `${name}-renamed`;
    await run('berth.container.rename', name, undefined, { newName: renamed });
    await waitForEntry(api, 'containers', labelIs(renamed), renamed);
    assert.equal((await docker.getContainer(id).inspect()).Name, `/${renamed}`);
  });

  it('remove force-removes a running container and it leaves the view', async () => {
    const { name, id } = await container();
    await run('berth.container.remove', name);
    await waitForNoEntry(api, 'containers', labelIs(name), name);
    await assert.rejects(docker.getContainer(id).inspect(), /no such container/i);
  });

  it('inspect opens the engine JSON read-only', async () => {
    const { name, id } = await container();
    await run('berth.container.inspect', name);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.scheme, 'berth-inspect');
    assert.equal(editor.document.languageId, 'json');
    assert.equal((JSON.parse(editor.document.getText()) as { Id: string }).Id, id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('copy id and copy name put them on the clipboard', async () => {
    const { name, id } = await container();
    await run('berth.container.copyId', name);
    assert.equal(await vscode.env.clipboard.readText(), id);
    await run('berth.container.copyName', name);
    assert.equal(await vscode.env.clipboard.readText(), name);
  });

  it('open shell starts a terminal on an exec session', async () => {
    const { name } = await container();
    await run('berth.container.shell', name);
    const terminal = vscode.window.terminals.find((t) => t.name === `${name} (shell)`);
    assert.ok(terminal, 'no shell terminal');
    const status = (): vscode.TerminalExitStatus | undefined => terminal.exitStatus;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(status(), undefined, 'the shell ended at once');
    terminal.sendText('exit');
    const deadline = Date.now() + VIEW_UPDATE_TIMEOUT_MS;
    while (status() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(status()?.code, 0);
  });

  it('expanding a container shows ports, masked secrets and labels; Reveal Value unmasks', async () => {
    const { name } = await container({
      Env: ['DB_PASSWORD=hunter2', 'MODE=debug'],
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    const entry = await waitForEntry(api, 'containers', labelIs(name), name);
    const sections = await api.viewNodes('containers', entry.node);
    const section = (label: string): unknown => sections.find((s) => itemLabel(s.item) === label)?.node;
    assert.deepEqual(sections.map((s) => itemLabel(s.item)).filter((l) => ['Ports', 'Networks', 'Environment', 'Labels', 'Details'].includes(l)), ['Ports', 'Networks', 'Environment', 'Labels', 'Details']);
    const ports = await api.viewNodes('containers', section('Ports'));
    assert.match(itemLabel(ports[0].item), /^127\.0\.0\.1:\d+ → 80\/tcp$/);
    const env = await api.viewNodes('containers', section('Environment'));
    const secret = env.find((e) => itemLabel(e.item) === 'DB_PASSWORD');
    assert.ok(secret);
    assert.notEqual(secret.item.description, 'hunter2');
    assert.equal(secret.item.contextValue, 'envVar.masked');
    assert.equal(env.find((e) => itemLabel(e.item) === 'MODE')?.item.description, 'debug');
    await vscode.commands.executeCommand('berth.container.revealEnv', secret.node);
    assert.equal(secret.item.description, 'hunter2');
  });

  it('groups compose containers under their project and the toggle hides stopped ones', async () => {
    const project = uniqueName('proj').replace(/-/g, '');
    const { name } = await container({ Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' } });
    const group = await waitForEntry(api, 'containers', (item) => itemLabel(item) === project && item.description === '1/1 running', `project ${project} 1/1 running`);
    const members = await api.viewNodes('containers', group.node);
    assert.deepEqual(members.map((m) => itemLabel(m.item)), [name]);

    const stoppedName = uniqueName('exited');
    const exited = await createTestContainer(docker, { name: stoppedName, Cmd: ['true'] });
    created.push(exited);
    await exited.wait();
    const stopped = { name: stoppedName };
    await waitForEntry(api, 'containers', labelAndContext(stopped.name, 'container.exited'), `${stopped.name} exited`);
    await vscode.commands.executeCommand('berth.containers.showRunning');
    await waitForNoEntry(api, 'containers', labelIs(stopped.name), stopped.name);
    await vscode.commands.executeCommand('berth.containers.showAll');
    await waitForEntry(api, 'containers', labelIs(stopped.name), stopped.name);
  });
});
