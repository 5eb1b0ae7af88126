import * as vscode from 'vscode';

export interface ConfirmOptions {
  /** The button that goes ahead, e.g. "Remove". */
  action: string;
  /** Volumes can hold data that exists nowhere else: they always ask, whatever the setting says. */
  alwaysAsk?: boolean;
}

const MAX_LISTED = 15;

/** Names the objects, one per line, shortening very long lists but always saying how many. */
export function describeObjects(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => `• ${n}`);
  if (names.length > MAX_LISTED) shown.push(vscode.l10n.t('… and {0} more', names.length - MAX_LISTED));
  return shown.join('\n');
}

/**
 * A modal confirmation that names exactly what will be deleted. `berth.confirmRemovals: false`
 * skips it, except where alwaysAsk is set.
 */
export async function confirmDestructive(message: string, names: string[], options: ConfirmOptions): Promise<boolean> {
  const ask = options.alwaysAsk || vscode.workspace.getConfiguration('berth').get<boolean>('confirmRemovals', true);
  if (!ask) return true;
  // A lone object is already named in the question; a list would only repeat it.
  const detail = names.length === 1 && message.includes(names[0]) ? undefined : describeObjects(names);
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, options.action);
  return answer === options.action;
}
