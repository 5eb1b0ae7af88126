import { runContainerAction, type ContainerAction } from '../containerActions';
import type { ContainerInfo } from '../../engine/listings';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW, containerTargets } from './containerTargets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireDocker } from '../../workbench/targets';

const TITLES: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
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
  const targets = await containerTargets(ctx.session, args, `${TITLES[action]} Container`, APPLIES[action]);
  if (targets.length === 0) return;
  if (action === 'kill') {
    const names = targets.map((c) => c.name);
    const ok = await confirmDestructive(`Kill ${targets.length === 1 ? `container ${names[0]}` : `${targets.length} containers`}? Processes get SIGKILL and lose unsaved state.`, names, { action: 'Kill' });
    if (!ok) return;
  }
  const docker = requireDocker(ctx.session);
  await runOnEach(targets, { title: TITLES[action], viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => runContainerAction(docker, c.id, action));
}

export const startContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'start', args);
export const stopContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'stop', args);
export const restartContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'restart', args);
export const pauseContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'pause', args);
export const unpauseContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'unpause', args);
export const killContainer = (ctx: CommandContext, ...args: unknown[]): Promise<void> => lifecycle(ctx, 'kill', args);
