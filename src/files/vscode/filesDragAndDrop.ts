import * as vscode from 'vscode';
import type { BerthNode } from '../../workbench/listProvider';
import { FileNode } from './fileNodes';
import type { FilesFileSystem } from './filesFileSystem';

/** Files and folders dragged from the Explorer (or the OS) onto a folder in a Files tree are uploaded into it. */
export class FilesDragAndDrop implements vscode.TreeDragAndDropController<BerthNode> {
  readonly dropMimeTypes = ['text/uri-list'];
  readonly dragMimeTypes: string[] = [];

  constructor(
    private readonly fileSystem: FilesFileSystem,
    private readonly report: (message: string) => void,
  ) {}

  async handleDrop(target: BerthNode | undefined, data: vscode.DataTransfer): Promise<void> {
    if (!(target instanceof FileNode)) return;
    const list = await data.get('text/uri-list')?.asString();
    if (!list) return;
    const paths = list
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => vscode.Uri.parse(line))
      .filter((uri) => uri.scheme === 'file')
      .map((uri) => uri.fsPath);
    if (paths.length === 0) return;
    const folder = target.isFolder ? target.uri : vscode.Uri.joinPath(target.uri, '..');
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading {0} item(s)…', paths.length) }, () =>
        this.fileSystem.upload(paths, folder),
      );
    } catch (err) {
      this.report(err instanceof Error ? err.message : String(err));
    }
  }
}
