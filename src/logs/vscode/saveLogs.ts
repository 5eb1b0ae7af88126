import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineErrorMessage } from '../../engine/engineErrors';
import { exportLogs } from '../logExport';
import { logFileName } from '../logLimits';
import type { CommandContext } from '../../workbench/commandContext';
import { containerTargets } from '../../containers/vscode/containerTargets';
import { clientFor } from '../../workbench/targets';

function defaultFolder(): string {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
}

/**
 * Save Logs As...: the whole log (stdout and stderr, escape sequences stripped) streamed to a file
 * the user picks, with progress and Cancel. The target may be passed as { uri } after the node
 * (tests); otherwise a save dialog asks. A failed or cancelled save leaves no partial file.
 */
export async function saveLogs(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [node, , given] = args;
  const [container] = await containerTargets(ctx.engines, [node], 'Save Logs As...', undefined, false);
  if (!container) return;
  const docker = clientFor(ctx.engines, container);
  const passed = (given as { uri?: unknown } | undefined)?.uri;
  const target =
    passed instanceof vscode.Uri
      ? passed
      : await vscode.window.showSaveDialog({
          title: `Save Logs of ${container.name}`,
          defaultUri: vscode.Uri.file(path.join(defaultFolder(), logFileName(container.name))),
          filters: { Logs: ['log', 'txt'], 'All files': ['*'] },
          saveLabel: 'Save Logs',
        });
  if (!target) return;
  if (target.scheme !== 'file') throw new Error('Logs can only be saved to a file on this machine.');
  const file = target.fsPath;
  const timestamps = vscode.workspace.getConfiguration('berth.logs').get<boolean>('timestamps') ?? false;
  const tty = (await docker.inspectContainer(container.id)).Config.Tty;

  const abort = new AbortController();
  let lines: number;
  try {
    lines = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Saving the logs of ${container.name}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        return exportLogs(docker, container.id, fs.createWriteStream(file), {
          tty,
          timestamps,
          signal: abort.signal,
          onProgress: (n) => progress.report({ message: `${n.toLocaleString('en-US')} lines` }),
        });
      },
    );
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    if (abort.signal.aborted) return;
    throw new Error(`Could not save the logs of ${container.name}: ${engineErrorMessage(error)}`, { cause: error });
  }
  // Not awaited: the command is done once the file is written, whether or not the message is answered.
  void vscode.window.showInformationMessage(`Saved ${lines.toLocaleString('en-US')} lines of ${container.name}'s logs to ${file}.`, 'Open File').then(
    (choice) => (choice === 'Open File' ? vscode.window.showTextDocument(target) : undefined),
    () => undefined,
  );
}
