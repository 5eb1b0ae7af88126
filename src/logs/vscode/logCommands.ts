import { compareNames } from '../../workbench/format';
import * as vscode from 'vscode';
import { ComposeProjectNode } from '../../containers/vscode/composeProjectNode';
import { lineCountProblem, MAX_TAIL, parseLineCount, tailFromSetting } from '../logLimits';
import type { FollowedLog } from './logService';
import type { CommandContext } from '../../workbench/commandContext';
import { containerFromNode, containerTargets } from '../../containers/vscode/containerTargets';
import { engineForCommand, engineOf, requireClient } from '../../workbench/targets';

/** Show Logs: each chosen container's channel, filled with the tail and following. */
export async function showLogs(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx.engines, args, 'Show Logs', undefined, false);
  for (const container of targets) await ctx.logs.showContainer(engineOf(ctx.engines, container), container);
}

/** Compose project logs: one channel for every service of the project. */
export async function showProjectLogs(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [node] = args;
  const engine = node instanceof ComposeProjectNode ? engineOf(ctx.engines, node.containers[0] ?? {}) : await engineForCommand(ctx.engines, args, 'Show Compose Project Logs');
  if (!engine) return;
  requireClient(engine);
  const all = await engine.data.get('container');
  let project: string | undefined;
  if (node instanceof ComposeProjectNode) {
    project = node.project;
  } else {
    const projects = [...new Set(all.map((c) => c.composeProject).filter((p): p is string => p !== undefined))].sort(compareNames);
    if (projects.length === 0) {
      void vscode.window.showInformationMessage('No compose projects on this engine.');
      return;
    }
    project = await vscode.window.showQuickPick(projects, { title: 'Show Compose Project Logs' });
  }
  if (!project) return;
  await ctx.logs.showProject(engine, project, all.filter((c) => c.composeProject === project));
}

/** Stop Following Logs: the clicked container or project, or a pick among those being followed. */
export async function stopFollowingLogs(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [node] = args;
  const container = containerFromNode(node);
  const clicked: FollowedLog | undefined = container
    ? { engine: engineOf(ctx.engines, container), kind: 'container', key: container.id, label: container.name }
    : node instanceof ComposeProjectNode
      ? { engine: engineOf(ctx.engines, node.containers[0] ?? {}), kind: 'project', key: node.project, label: `compose project ${node.project}` }
      : undefined;
  if (clicked) {
    if (!ctx.logs.isFollowing(clicked.engine, clicked.kind, clicked.key)) {
      void vscode.window.showInformationMessage(`Berth is not following the logs of ${clicked.label}.`);
      return;
    }
    await ctx.logs.stopFollowing(clicked.engine, clicked.kind, clicked.key);
    return;
  }
  const followed = ctx.logs.followed();
  if (followed.length === 0) {
    void vscode.window.showInformationMessage('Berth is not following any logs.');
    return;
  }
  const chosen = await vscode.window.showQuickPick(
    followed.map((f) => ({ label: f.label, followed: f })),
    { title: 'Stop Following Logs', canPickMany: true, placeHolder: 'Logs to stop following' },
  );
  for (const item of chosen ?? []) await ctx.logs.stopFollowing(item.followed.engine, item.followed.kind, item.followed.key);
}

/**
 * Show Last N Lines: a one-off snapshot in a read-only editor. The count may be passed (tests, other
 * commands) as { lines: n } after the node; otherwise it is asked for.
 */
export async function showLastLines(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [node, , given] = args;
  const [container] = await containerTargets(ctx.engines, [node], 'Show Last Lines of Logs', undefined, false);
  if (!container) return;
  let count: number;
  const passed = (given as { lines?: unknown } | undefined)?.lines;
  if (passed !== undefined) {
    const problem = lineCountProblem(String(passed));
    if (problem) throw new Error(problem);
    count = parseLineCount(String(passed));
  } else {
    const suggested = Math.max(1, tailFromSetting(vscode.workspace.getConfiguration('berth.logs').get<number>('tail')).tail);
    const text = await vscode.window.showInputBox({
      title: `Show Last Lines of ${container.name}`,
      prompt: `How many lines, from 1 to ${MAX_TAIL.toLocaleString('en-US')}`,
      value: String(suggested),
      validateInput: lineCountProblem,
    });
    if (text === undefined) return;
    count = parseLineCount(text);
  }
  const timestamps = vscode.workspace.getConfiguration('berth.logs').get<boolean>('timestamps') ?? false;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Fetching the last ${count} lines of ${container.name}` },
    () => ctx.logs.documents.open(engineOf(ctx.engines, container), container.id, container.name, count, timestamps),
  );
}
