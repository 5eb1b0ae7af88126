import * as vscode from 'vscode';
import { pruneCandidates, pruneExactly, type PruneKind } from '../prune';
import { formatBytes } from '../../workbench/format';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { requireDocker } from '../../workbench/targets';

const NOUNS: Record<PruneKind, { what: string; view: string }> = {
  containers: { what: 'stopped containers', view: 'berth.containers' },
  images: { what: 'dangling images', view: 'berth.images' },
  volumes: { what: 'unused volumes', view: 'berth.volumes' },
  networks: { what: 'unused networks', view: 'berth.networks' },
};

/**
 * Lists what would go, asks with every name shown, removes exactly those (never what appeared
 * since), then says what was reclaimed.
 */
async function prune(ctx: CommandContext, kind: PruneKind): Promise<void> {
  const docker = requireDocker(ctx.session);
  const { what, view } = NOUNS[kind];
  const candidates = await pruneCandidates(docker, kind);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No ${what} to remove.`);
    return;
  }
  const known = candidates.reduce((sum, c) => sum + (c.size ?? 0), 0);
  const sizeNote = known > 0 ? ` (${formatBytes(known)})` : '';
  const names = candidates.map((c) => (c.size ? `${c.name} (${formatBytes(c.size)})` : c.name));
  const volumeWarning = kind === 'volumes' ? ' Their data will be lost.' : '';
  const ok = await confirmDestructive(`Remove ${candidates.length} ${what}${sizeNote}?${volumeWarning}`, names, {
    action: 'Remove',
    alwaysAsk: kind === 'volumes',
  });
  if (!ok) return;
  const result = await vscode.window.withProgress({ location: { viewId: view }, title: `Pruning ${what}` }, () => pruneExactly(docker, kind, candidates));
  const reclaimed = result.reclaimedBytes > 0 ? `, reclaimed ${formatBytes(result.reclaimedBytes)}` : '';
  const summary = `Removed ${result.removed.length} ${what}${reclaimed}.`;
  ctx.output.info(`${summary} ${result.removed.map((c) => c.name).join(', ')}`);
  if (result.failed.length > 0) {
    const reasons = result.failed.map((f) => `${f.candidate.name}: ${f.reason}`).join('; ');
    void vscode.window.showWarningMessage(`${summary} ${result.failed.length} could not be removed: ${reasons}`);
  } else {
    void vscode.window.showInformationMessage(summary);
  }
}

export const pruneContainers = (ctx: CommandContext): Promise<void> => prune(ctx, 'containers');
export const pruneImages = (ctx: CommandContext): Promise<void> => prune(ctx, 'images');
export const pruneVolumes = (ctx: CommandContext): Promise<void> => prune(ctx, 'volumes');
export const pruneNetworks = (ctx: CommandContext): Promise<void> => prune(ctx, 'networks');
