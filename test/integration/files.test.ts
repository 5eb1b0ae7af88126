import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi, ViewEntry } from '../../src/workbench/api';
import { createTestContainer, dockerCli, engineSkip, TEST_LABELS, uniqueName } from '../support/engineHarness';
import { connectedBerth, itemLabel } from './berthApi';
import { labelIs, waitForEntry } from './viewHelpers';

// The Files tree and the berth-files file system in the real VS Code: expand, open, edit, save, and
// check the content inside the container with the docker CLI.

const SETUP = 'mkdir -p /srv/app && echo original > /srv/app/config.txt && chmod 600 /srv/app/config.txt; trap "exit 0" TERM; while :; do sleep 1; done';

describe('Files', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];
  const volumes: string[] = [];

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
    for (const v of volumes) {
      // The volume's helper container lingers a few seconds after the last use; the volume is free once it is gone.
      const filters = JSON.stringify({ volume: [v] });
      for (let i = 0; i < 300 && (await docker.listContainers({ all: true, filters })).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
    }
  });

  async function child(view: 'containers' | 'volumes', parent: ViewEntry, label: string): Promise<ViewEntry> {
    const children = await api.viewNodes(view, parent.node);
    const found = children.find((e) => itemLabel(e.item) === label);
    assert.ok(found, `${itemLabel(parent.item)} has no child "${label}"; it has ${children.map((e) => itemLabel(e.item)).join(', ')}`);
    return found;
  }

  async function runningContainer(options: Partial<Docker.ContainerCreateOptions> = {}): Promise<{ name: string; id: string; entry: ViewEntry }> {
    const name = uniqueName('files');
    const c = await createTestContainer(docker, { name, Cmd: ['sh', '-c', SETUP], ...options });
    created.push(c);
    const ready = (): boolean => {
      if (options.Cmd !== undefined) return true;
      try {
        return dockerCli(['exec', c.id, 'ls', '/srv/app']).includes('config.txt');
      } catch {
        return false; // the setup has not made the folder yet
      }
    };
    for (let i = 0; i < 100 && !ready(); i++) await new Promise((r) => setTimeout(r, 100));
    return { name, id: c.id, entry: await waitForEntry(api, 'containers', labelIs(name), name) };
  }

  it('expands Files, opens a file, edits and saves it into the container', async () => {
    const { id, entry } = await runningContainer();
    const files = await child('containers', entry, 'Files');
    const app = await child('containers', await child('containers', files, 'srv'), 'app');
    const config = await child('containers', app, 'config.txt');
    assert.equal(config.item.contextValue, 'files.file');
    assert.equal(config.item.command?.command, 'berth.files.open');
    assert.equal(config.item.tooltip, undefined, 'a file\'s tooltip is made on hover');
    const tooltip = api.resolveItem('containers', config.node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /-rw-------/);

    await vscode.commands.executeCommand('berth.files.open', config.node);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.scheme, 'berth-files');
    assert.equal(editor.document.getText(), 'original\n');
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), 'edited from VS Code\n'));
    assert.equal(await editor.document.save(), true);
    assert.equal(dockerCli(['exec', id, 'cat', '/srv/app/config.txt']), 'edited from VS Code\n');
    assert.equal(dockerCli(['exec', id, 'stat', '-c', '%a', '/srv/app/config.txt']).trim(), '600', 'the mode was kept');
  });

  it('keeps the editor dirty when the root filesystem is read-only, with the engine reason', async () => {
    const { id } = await runningContainer({ Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], HostConfig: { ReadonlyRootfs: true } });
    // The authority names the engine as Berth's registry keys it: 'current' is the engine Berth uses.
    const uri = vscode.Uri.from({ scheme: 'berth-files', authority: 'current', path: `/${id}/etc/group` });
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('x'))), (err: Error) => {
      assert.ok(err instanceof vscode.FileSystemError, String(err));
      assert.equal((err as vscode.FileSystemError).code, 'NoPermissions');
      assert.match(err.message, /read-only/);
      return true;
    });
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# mine\n'));
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true, 'the user keeps the text');
    assert.equal(dockerCli(['exec', id, 'head', '-c', '6', '/etc/group']).startsWith('# mine'), false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('browses a volume no container uses and reads a file from it', async () => {
    const volume = uniqueName('vol');
    volumes.push(volume);
    await docker.createVolume({ Name: volume, Labels: TEST_LABELS });
    const filler = await createTestContainer(docker, { Cmd: ['sh', '-c', 'echo "from the volume" > /v/readme.txt'], HostConfig: { Binds: [`${volume}:/v`] } });
    await filler.wait();
    await filler.remove();
    const entry = await waitForEntry(api, 'volumes', labelIs(volume), volume);
    const readme = await child('volumes', await child('volumes', entry, 'Files'), 'readme.txt');
    const uri = (readme.item.resourceUri as vscode.Uri);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(), 'from the volume\n');
  });
});
