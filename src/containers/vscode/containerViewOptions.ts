import * as vscode from 'vscode';
import { EnvVarNode } from './detailNodes';
import type { CommandContext } from '../../workbench/commandContext';

async function setShowAll(value: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('berth').update('containers.showAll', value, vscode.ConfigurationTarget.Global);
}

export const showAllContainers = (): Promise<void> => setShowAll(true);
export const showRunningContainers = (): Promise<void> => setShowAll(false);

/** Unmasks one secret-looking environment value, for this node only. */
export function revealEnvValue(ctx: CommandContext, node?: unknown): void {
  if (!(node instanceof EnvVarNode)) return;
  node.show(true);
  // Images show their configured environment with the same nodes.
  const view = node.item.id?.startsWith('image:') ? ctx.views.images : ctx.views.containers;
  view.provider.redraw(node);
}

export async function copyEnvValue(_ctx: CommandContext, node?: unknown): Promise<void> {
  if (node instanceof EnvVarNode) await vscode.env.clipboard.writeText(node.value);
}
