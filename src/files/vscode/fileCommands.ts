import * as vscode from 'vscode';
import { posix } from 'node:path';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { formatBytes } from '../../workbench/format';
import { validateEntryName } from '../filePaths';
import { currentFilesTree, FileNode } from './fileNodes';

function fileNode(arg: unknown): FileNode {
  if (arg instanceof FileNode) return arg;
  throw new Error(vscode.l10n.t('Run this command from a file or folder in the Files tree.'));
}

function folderOf(node: FileNode): vscode.Uri {
  return node.isFolder ? node.uri : vscode.Uri.joinPath(node.uri, '..');
}

/** Opens a file in an editor; above berth.files.largeFileWarningMB it asks first, naming the size. */
export async function openFile(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  const limitMb = vscode.workspace.getConfiguration('berth').get<number>('files.largeFileWarningMB', 50);
  const size = node.entry?.kind === 'file' ? node.entry.size : (await currentFilesTree().fileSystem.stat(node.uri)).size;
  if (limitMb > 0 && size > limitMb * 1024 * 1024) {
    const open = vscode.l10n.t('Open Anyway');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is {1}. Opening it copies the whole file from the engine into the editor.', node.path, formatBytes(size)),
      { modal: true },
      open,
    );
    if (answer !== open) return;
  }
  // VS Code's own binary detection decides between the text editor and "binary file" notice.
  await vscode.commands.executeCommand('vscode.open', node.uri);
}

async function askName(prompt: string, value?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ prompt, value, validateInput: (text) => validateEntryName(text) });
}

export async function newFile(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  const name = await askName(vscode.l10n.t('Name of the new file in {0}', posix.join(node.path, node.isFolder ? '' : '..')));
  if (!name) return;
  const uri = vscode.Uri.joinPath(folderOf(node), name);
  await currentFilesTree().fileSystem.writeFile(uri, new Uint8Array(), { create: true, overwrite: false });
  await vscode.commands.executeCommand('vscode.open', uri);
}

export async function newFolder(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  const name = await askName(vscode.l10n.t('Name of the new folder in {0}', posix.join(node.path, node.isFolder ? '' : '..')));
  if (!name) return;
  await currentFilesTree().fileSystem.createDirectory(vscode.Uri.joinPath(folderOf(node), name));
}

export async function renameEntry(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  if (!node.entry) return;
  const name = await askName(vscode.l10n.t('New name for {0}', node.path), node.entry.name);
  if (!name || name === node.entry.name) return;
  await currentFilesTree().fileSystem.rename(node.uri, vscode.Uri.joinPath(node.uri, '..', name), { overwrite: false });
}

export async function deleteEntry(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  if (!node.entry) return;
  const what = node.entry.kind === 'directory' ? vscode.l10n.t('Delete the folder {0} and everything in it?', node.path) : vscode.l10n.t('Delete {0}?', node.path);
  if (!(await confirmDestructive(what, [node.path], { action: vscode.l10n.t('Delete'), alwaysAsk: true }))) return;
  await currentFilesTree().fileSystem.delete(node.uri, { recursive: true });
}

export async function downloadEntry(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  const [folder] =
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Download Here') })) ?? [];
  if (!folder) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}…', node.path) },
    () => currentFilesTree().fileSystem.download(node.uri, folder.fsPath),
  );
  const skipped = result.skipped.length > 0 ? vscode.l10n.t(' ({0} special entries skipped)', result.skipped.length) : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0} to {1}{2}.', node.path, folder.fsPath, skipped));
}

export async function uploadInto(_ctx: CommandContext, arg: unknown): Promise<void> {
  const node = fileNode(arg);
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: false, canSelectMany: true, openLabel: vscode.l10n.t('Upload') });
  if (!picked?.length) return;
  await currentFilesTree().fileSystem.upload(picked.map((u) => u.fsPath), folderOf(node));
}

/** Adds the folder as a workspace folder, so search and the Explorer work on it. */
export function openInWorkspace(_ctx: CommandContext, arg: unknown): void {
  const node = fileNode(arg);
  const uri = folderOf(node);
  const count = vscode.workspace.workspaceFolders?.length ?? 0;
  const head = decodeURIComponent(uri.path.split('/')[1] ?? '');
  const owner = node.view === 'volumes' ? `volume ${decodeURIComponent(head.replace(/^volume:/, ''))}` : `container ${head.slice(0, 12)}`;
  const name = `${owner}:${uri.path.replace(/^\/[^/]+/, '') || '/'}`;
  if (!vscode.workspace.updateWorkspaceFolders(count, 0, { uri, name })) throw new Error(vscode.l10n.t('VS Code did not add {0} to the workspace.', uri.path));
}

export function refreshFolder(_ctx: CommandContext, arg: unknown): void {
  const node = fileNode(arg);
  currentFilesTree().refresh(folderOf(node));
}
