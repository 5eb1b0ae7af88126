import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../../workbench/commandContext';
import { containerTargets } from '../../containers/vscode/containerTargets';

/** Show Stats: the container's dashboard (from the palette, a pick among all containers). */
export async function showStats(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [container] = await containerTargets(ctx.session, args, 'Show stats for which container?', undefined, false);
  if (!container) return;
  await ctx.stats.open(container.id);
}

export async function showStatsOverview(ctx: CommandContext): Promise<void> {
  await ctx.stats.openOverview();
}

export async function clearMetricsHistory(ctx: CommandContext): Promise<void> {
  const recorder = await ctx.stats.metrics.ready;
  const store = recorder.store;
  if (!store) {
    void vscode.window.showErrorMessage('The metrics history could not be opened, so there is nothing to clear.');
    return;
  }
  const count = store.containers().length;
  const answer = await vscode.window.showWarningMessage(
    `Clear Berth's metrics history? The recorded samples of ${count} container${count === 1 ? '' : 's'} are deleted.`,
    { modal: true, detail: `The history file ${store.filePath} is emptied; this cannot be undone.` },
    'Clear History',
  );
  if (answer !== 'Clear History') return;
  recorder.clear();
  await recorder.persist();
  void vscode.window.showInformationMessage('Metrics history cleared.');
}

interface ExportPick extends vscode.QuickPickItem {
  containerId?: string;
}

export async function exportMetricsHistory(ctx: CommandContext): Promise<void> {
  const recorder = await ctx.stats.metrics.ready;
  const store = recorder.store;
  if (!store) {
    void vscode.window.showErrorMessage('The metrics history could not be opened, so there is nothing to export.');
    return;
  }
  recorder.flush();
  const containers = store.containers();
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
      containerId: c.containerId,
    })),
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: 'Export Metrics History as CSV', placeHolder: 'Which container?' });
  if (!pick) return;
  const base = pick.containerId === undefined ? 'berth-metrics' : `berth-metrics-${pick.label.replace(/[^\w.-]+/g, '_')}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: 'Export Metrics History as CSV',
    defaultUri: vscode.Uri.joinPath(folder, `${base}.csv`),
    filters: { CSV: ['csv'] },
  });
  if (!target) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting metrics history…' }, async () => {
    const csv = store.exportCsv(pick.containerId);
    await vscode.workspace.fs.writeFile(target, Buffer.from(csv, 'utf8'));
  });
  void vscode.window.showInformationMessage(`Metrics history exported to ${target.scheme === 'file' ? path.normalize(target.fsPath) : target.toString()}.`);
}
