import * as vscode from 'vscode';
import { engineErrorMessage } from '../engine/engineErrors';

/**
 * Runs one engine call per selected object in parallel, with a progress bar on the view, and reports
 * every failure together in one message naming each object and the engine's reason.
 */
export async function runOnEach<T>(
  items: T[],
  options: { title: string; viewId: string; name: (item: T) => string },
  op: (item: T) => Promise<void>,
): Promise<{ succeeded: T[]; failed: { item: T; reason: string }[] }> {
  const succeeded: T[] = [];
  const failed: { item: T; reason: string }[] = [];
  if (items.length === 0) return { succeeded, failed };
  await vscode.window.withProgress({ location: { viewId: options.viewId }, title: options.title }, async () => {
    await Promise.all(
      items.map(async (item) => {
        try {
          await op(item);
          succeeded.push(item);
        } catch (err) {
          failed.push({ item, reason: engineErrorMessage(err) });
        }
      }),
    );
  });
  if (failed.length === 1) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} {1} failed: {2}', options.title, options.name(failed[0].item), failed[0].reason));
  } else if (failed.length > 1) {
    const reasons = failed.map((f) => `${options.name(f.item)}: ${f.reason}`).join('; ');
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed for {1} of {2}: {3}', options.title, failed.length, items.length, reasons));
  }
  return { succeeded, failed };
}
