import * as vscode from 'vscode';
import { runContainerAction, type ContainerAction } from '../containerActions';
import type { ContainerInfo } from '../../engine/listings';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW, containerTargets } from './containerTargets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireClient } from '../../workbench/targets';

// Whole phrases per action, so each translates on its own; functions, since l10n is read at call time.
const TITLES: Record<ContainerAction, () => { pick: string; progress: string }> = {
  start: () => ({ pick: vscode.l10n.t('Start Container'), progress: vscode.l10n.t('Start') }),
  stop: () => ({ pick: vscode.l10n.t('Stop Container'), progress: vscode.l10n.t('Stop') }),
  restart: () => ({ pick: vscode.l10n.t('Restart Container'), progress: vscode.l10n.t('Restart') }),
  pause: () => ({ pick: vscode.l10n.t('Pause Container'), progress: vscode.l10n.t('Pause') }),
  unpause: () => ({ pick: vscode.l10n.t('Unpause Container'), progress: vscode.l10n.t('Unpause') }),
  kill: () => ({ pick: vscode.l10n.t('Kill Container'), progress: vscode.l10n.t('Kill') }),
};

// Which containers each action makes sense for; the palette offers only those.
const APPLIES: Record<ContainerAction, (c: ContainerInfo) => boolean> = {
  start: (c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead',
  stop: (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
  restart: (c) => c.state !== 'removing',
  pause: (c) => c.state === 'running',
  unpause: (c) => c.state === 'paused',
  kill: (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
};

async function lifecycle(ctx: CommandContext, action: ContainerAction, args: unknown[]): Promise<void> {
  const titles = TITLES[action]();
  const targets = await containerTargets(ctx.session, args, titles.pick, APPLIES[action]);
  if (targets.length === 0) return;
  if (action === 'kill') {
    const names = targets.map((c) => c.name);
    const question =
      targets.length === 1
        ? vscode.l10n.t('Kill container {0}? Processes get SIGKILL and lose unsaved state.', names[0])
        : vscode.l10n.t('Kill {0} containers? Processes get SIGKILL and lose unsaved state.', targets.length);
    const ok = await confirmDestructive(question, names, { action: vscode.l10n.t('Kill') });
    if (!ok) return;
  }
  const docker = requireClient(ctx.session);
  await runOnEach(targets, { title: titles.progress, viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => runContainerAction(docker, c.id, action));
}

export const startContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'start', args);
export const stopContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'stop', args);
export const restartContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'restart', args);
export const pauseContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'pause', args);
export const unpauseContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'unpause', args);
export const killContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'kill', args);
