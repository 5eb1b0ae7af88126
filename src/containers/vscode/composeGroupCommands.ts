import { runContainerAction, removeContainer } from '../containerActions';
import type { ContainerInfo } from '../../engine/listings';
import { ComposeProjectNode } from './composeProjectNode';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW } from './containerTargets';
import { runOnEach } from '../../workbench/runOnEach';
import { engineForCommand, engineOf, requireClient } from '../../workbench/targets';
import type { EngineSession } from '../../engine/vscode/engineSession';
import * as vscode from 'vscode';

interface ProjectTarget {
  project: string;
  containers: ContainerInfo[];
  engine: EngineSession;
}

async function projectTarget(ctx: CommandContext, args: unknown[], title: string): Promise<ProjectTarget | undefined> {
  const [node] = args;
  if (node instanceof ComposeProjectNode) {
    // The node may be stale; act on what the engine has now for that project.
    const engine = engineOf(ctx.engines, node.containers[0] ?? {});
    const current = (await engine.data.get('container')).filter((c) => c.composeProject === node.project);
    return { project: node.project, containers: current, engine };
  }
  const engine = await engineForCommand(ctx.engines, args, title);
  if (!engine) return undefined;
  const all = await engine.data.get('container');
  const projects = [...new Set(all.map((c) => c.composeProject).filter((p): p is string => p !== undefined))].sort();
  if (projects.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No compose projects are running on this engine.'));
    return undefined;
  }
  const project = await vscode.window.showQuickPick(projects, { title: ctx.engines.qualify(title, engine) });
  return project ? { project, containers: all.filter((c) => c.composeProject === project), engine } : undefined;
}

// Whole titles rather than a verb glued to "Compose Project", so each translates as a phrase.
const PROJECT_TITLES: Record<'start' | 'stop' | 'restart', () => { pick: string; progress: string }> = {
  start: () => ({ pick: vscode.l10n.t('Start Compose Project'), progress: vscode.l10n.t('Start') }),
  stop: () => ({ pick: vscode.l10n.t('Stop Compose Project'), progress: vscode.l10n.t('Stop') }),
  restart: () => ({ pick: vscode.l10n.t('Restart Compose Project'), progress: vscode.l10n.t('Restart') }),
};

async function projectAction(ctx: CommandContext, args: unknown[], action: 'start' | 'stop' | 'restart'): Promise<void> {
  const { pick, progress: title } = PROJECT_TITLES[action]();
  const target = await projectTarget(ctx, args, pick);
  if (!target) return;
  const docker = requireClient(target.engine);
  const applies = action === 'start' ? (c: ContainerInfo) => c.state !== 'running' : action === 'stop' ? (c: ContainerInfo) => c.state === 'running' || c.state === 'paused' : () => true;
  await runOnEach(target.containers.filter(applies), { title, viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => runContainerAction(docker, c.id, action));
}

export const startProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'start');
export const stopProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'stop');
export const restartProject = (ctx: CommandContext, ...args: unknown[]): Promise<void> => projectAction(ctx, args, 'restart');

/**
 * As `docker compose down` for what the engine shows: stop and remove the project's containers, then
 * its networks; volumes stay (their data may exist nowhere else).
 */
export async function downProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await projectTarget(ctx, args, vscode.l10n.t('Remove Compose Project'));
  if (!target) return;
  const docker = requireClient(target.engine);
  const networks = (await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${target.project}`] } })).map((n) => n.Name);
  const names = [
    ...target.containers.map((c) => (c.state === 'running' ? vscode.l10n.t('container {0} (running)', c.name) : vscode.l10n.t('container {0}', c.name))),
    ...networks.map((n) => vscode.l10n.t('network {0}', n)),
  ];
  const ok = await confirmDestructive(vscode.l10n.t('Stop and remove compose project {0}? Volumes are kept.', target.project), names, { action: vscode.l10n.t('Remove') });
  if (!ok) return;
  const removed = await runOnEach(target.containers, { title: vscode.l10n.t('Remove'), viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => removeContainer(docker, c.id, { force: true }));
  if (removed.failed.length > 0) return;
  await runOnEach(networks, { title: vscode.l10n.t('Remove network'), viewId: CONTAINERS_VIEW, name: (n) => n }, (n) => docker.removeNetwork(n));
}
