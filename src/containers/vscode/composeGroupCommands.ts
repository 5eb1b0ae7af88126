import { runContainerAction, removeContainer, type ContainerAction } from '../containerActions';
import type { ContainerInfo } from '../../engine/listings';
import { ComposeProjectNode } from './composeProjectNode';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW } from './containerTargets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireDocker } from '../../workbench/targets';
import * as vscode from 'vscode';

async function projectTarget(ctx: CommandContext, args: unknown[], title: string): Promise<{ project: string; containers: ContainerInfo[] } | undefined> {
  const [node] = args;
  if (node instanceof ComposeProjectNode) {
    // The node may be stale; act on what the engine has now for that project.
    const current = (await ctx.session.data.get('container')).filter((c) => c.composeProject === node.project);
    return { project: node.project, containers: current };
  }
  const all = await ctx.session.data.get('container');
  const projects = [...new Set(all.map((c) => c.composeProject).filter((p): p is string => p !== undefined))].sort();
  if (projects.length === 0) {
    void vscode.window.showInformationMessage('No compose projects are running on this engine.');
    return undefined;
  }
  const project = await vscode.window.showQuickPick(projects, { title });
  return project ? { project, containers: all.filter((c) => c.composeProject === project) } : undefined;
}

async function projectAction(ctx: CommandContext, args: unknown[], action: ContainerAction, title: string): Promise<void> {
  const target = await projectTarget(ctx, args, `${title} Compose Project`);
  if (!target) return;
  const docker = requireDocker(ctx.session);
  const applies = action === 'start' ? (c: ContainerInfo) => c.state !== 'running' : action === 'stop' ? (c: ContainerInfo) => c.state === 'running' || c.state === 'paused' : () => true;
  await runOnEach(target.containers.filter(applies), { title, viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => runContainerAction(docker, c.id, action));
}

export const startProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'start', 'Start');
export const stopProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'stop', 'Stop');
export const restartProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'restart', 'Restart');

/**
 * As `docker compose down` for what the engine shows: stop and remove the project's containers, then
 * its networks; volumes stay (their data may exist nowhere else).
 */
export async function downProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await projectTarget(ctx, args, 'Remove Compose Project');
  if (!target) return;
  const docker = requireDocker(ctx.session);
  const networks = (await docker.listNetworks({ filters: JSON.stringify({ label: [`com.docker.compose.project=${target.project}`] }) })).map((n) => n.Name);
  const names = [...target.containers.map((c) => `container ${c.name}${c.state === 'running' ? ' (running)' : ''}`), ...networks.map((n) => `network ${n}`)];
  const ok = await confirmDestructive(`Stop and remove compose project ${target.project}? Volumes are kept.`, names, { action: 'Remove' });
  if (!ok) return;
  const removed = await runOnEach(target.containers, { title: 'Remove', viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => removeContainer(docker, c.id, { force: true }));
  if (removed.failed.length > 0) return;
  await runOnEach(networks, { title: 'Remove network', viewId: CONTAINERS_VIEW, name: (n) => n }, (n) => docker.getNetwork(n).remove());
}
