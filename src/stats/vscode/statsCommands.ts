import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../../workbench/commandContext';
import { containerTargets } from '../../containers/vscode/containerTargets';
import { engineOf } from '../../workbench/targets';

/** Show Stats: the container's dashboard (from the palette, a pick among all containers). */
export async function showStats(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [container] = await containerTargets(ctx.engines, args, 'Show stats for which container?', undefined, false);
  if (!container) return;
  await ctx.stats.open(engineOf(ctx.engines, container), container.id);
}

export async function showStatsOverview(ctx: CommandContext): Promise<void> {
  await ctx.stats.openOverview();
}

export async function clearMetricsHistory(ctx: CommandContext): Promise<void> {
  const recorder = await ctx.stats.metrics.ready;
  if (!recorder.history) {
    void vscode.window.showErrorMessage('The metrics history could not be opened, so there is nothing to clear.');
    return;
  }
  const count = (await recorder.containers()).length;
  const answer = await vscode.window.showWarningMessage(
    `Clear Berth's metrics history? The recorded samples of ${count} container${count === 1 ? '' : 's'} are deleted.`,
    { modal: true, detail: `The history file ${recorder.history.filePath} is emptied, in every window; this cannot be undone.` },
    'Clear History',
  );
  if (answer !== 'Clear History') return;
  try {
    const outcome = await recorder.clear();
    if (outcome === 'cleared') void vscode.window.showInformationMessage('Metrics history cleared.');
    else void vscode.window.showWarningMessage('The window recording the metrics history did not answer yet; the history is cleared as soon as a window records it.');
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not clear the metrics history: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface ExportPick extends vscode.QuickPickItem {
  container?: { containerId: string; engineId: string };
}

export async function exportMetricsHistory(ctx: CommandContext): Promise<void> {
  const recorder = await ctx.stats.metrics.ready;
  if (!recorder.history) {
    void vscode.window.showErrorMessage('The metrics history could not be opened, so there is nothing to export.');
    return;
  }
  const containers = await recorder.containers();
  if (containers.length === 0) {
    void vscode.window.showInformationMessage('The metrics history is empty: there is nothing to export yet.');
    return;
  }
  const picks: ExportPick[] = [
    { label: 'All containers', description: `${containers.length} container${containers.length === 1 ? '' : 's'}` },
    ...containers.map((c) => ({
      label: c.containerName,
      description: c.containerId.slice(0, 12),
      detail: c.lastTimestamp === undefined ? undefined : `last sample ${new Date(c.lastTimestamp).toLocaleString()}`,
      container: { containerId: c.containerId, engineId: c.engineId },
    })),
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: 'Export Metrics History as CSV', placeHolder: 'Which container?' });
  if (!pick) return;
  const base = pick.container === undefined ? 'berth-metrics' : `berth-metrics-${pick.label.replace(/[^\w.-]+/g, '_')}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: 'Export Metrics History as CSV',
    defaultUri: vscode.Uri.joinPath(folder, `${base}.csv`),
    filters: { CSV: ['csv'] },
  });
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Metrics can only be exported to a file on this machine, not to ${target.toString()}.`);
    return;
  }
  try {
    // The worker writes the file itself: a large export never passes through the extension host.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting metrics history…' }, () =>
      recorder.exportCsv(target.fsPath, pick.container),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not export the metrics history: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  void vscode.window.showInformationMessage(`Metrics history exported to ${path.normalize(target.fsPath)}.`);
}
