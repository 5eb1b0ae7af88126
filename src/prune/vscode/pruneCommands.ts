import * as vscode from 'vscode';
import { pruneCandidates, pruneExactly, type PruneKind } from '../prune';
import { formatBytes } from '../../workbench/format';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { engineForCommand, requireClient } from '../../workbench/targets';

// Functions, since the localized nouns are read when a command runs.
const NOUNS: Record<PruneKind, () => { what: string; view: string }> = {
  containers: () => ({ what: vscode.l10n.t('stopped containers'), view: 'berth.containers' }),
  images: () => ({ what: vscode.l10n.t('dangling images'), view: 'berth.images' }),
  volumes: () => ({ what: vscode.l10n.t('unused volumes'), view: 'berth.volumes' }),
  networks: () => ({ what: vscode.l10n.t('unused networks'), view: 'berth.networks' }),
};

/**
 * Lists what would go, asks with every name shown, removes exactly those (never what appeared
 * since), then says what was reclaimed.
 */
async function prune(ctx: CommandContext, kind: PruneKind, args: unknown[]): Promise<void> {
  const { what, view } = NOUNS[kind]();
  const engine = await engineForCommand(ctx.engines, args, vscode.l10n.t('Remove {0}', what));
  if (!engine) return;
  const docker = requireClient(engine);
  const candidates = await pruneCandidates(docker, kind);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No {0} to remove.', what));
    return;
  }
  const known = candidates.reduce((sum, c) => sum + (c.size ?? 0), 0);
  const sizeNote = known > 0 ? ` (${formatBytes(known)})` : '';
  const names = candidates.map((c) => (c.size ? `${c.name} (${formatBytes(c.size)})` : c.name));
  const question = ctx.engines.multiple
    ? vscode.l10n.t('Remove {0} {1}{2} on {3}?', candidates.length, what, sizeNote, engine.name)
    : vscode.l10n.t('Remove {0} {1}{2}?', candidates.length, what, sizeNote);
  const message = kind === 'volumes' ? `${question} ${vscode.l10n.t('Their data will be lost.')}` : question;
  const ok = await confirmDestructive(message, names, {
    action: vscode.l10n.t('Remove'),
    alwaysAsk: kind === 'volumes',
  });
  if (!ok) return;
  const result = await vscode.window.withProgress({ location: { viewId: view }, title: vscode.l10n.t('Pruning {0}', what) }, () => pruneExactly(docker, kind, candidates));
  const summary =
    result.reclaimedBytes > 0
      ? vscode.l10n.t('Removed {0} {1}, reclaimed {2}.', result.removed.length, what, formatBytes(result.reclaimedBytes))
      : vscode.l10n.t('Removed {0} {1}.', result.removed.length, what);
  ctx.output.info(`${summary} ${result.removed.map((c) => c.name).join(', ')}`);
  if (result.failed.length > 0) {
    const reasons = result.failed.map((f) => `${f.candidate.name}: ${f.reason}`).join('; ');
    void vscode.window.showWarningMessage(`${summary} ${vscode.l10n.t('{0} could not be removed: {1}', result.failed.length, reasons)}`);
  } else {
    void vscode.window.showInformationMessage(summary);
  }
}

export const pruneContainers = (ctx: CommandContext, ...args: unknown[]): Promise<void> => prune(ctx, 'containers', args);
export const pruneImages = (ctx: CommandContext, ...args: unknown[]): Promise<void> => prune(ctx, 'images', args);
export const pruneVolumes = (ctx: CommandContext, ...args: unknown[]): Promise<void> => prune(ctx, 'volumes', args);
export const pruneNetworks = (ctx: CommandContext, ...args: unknown[]): Promise<void> => prune(ctx, 'networks', args);
