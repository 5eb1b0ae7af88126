import * as vscode from 'vscode';
import { removeContainer as removeInEngine, renameContainer as renameInEngine, validateContainerName } from '../containerActions';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW, containerTargets, isRunning } from './containerTargets';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireDocker } from '../../workbench/targets';

/** Removes containers; running ones only with an explicit "Force Remove", which kills them first. */
export async function removeContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx.session, args, 'Remove Container');
  if (targets.length === 0) return;
  const running = targets.filter(isRunning);
  const names = targets.map((c) => (isRunning(c) ? `${c.name} (running)` : c.name));
  const subject = targets.length === 1 ? `container ${targets[0].name}` : `${targets.length} containers`;
  const message =
    running.length > 0
      ? `Remove ${subject}? ${running.length === targets.length ? (targets.length === 1 ? 'It is' : 'They are') : `${running.length} of them are`} running and will be killed first.`
      : `Remove ${subject}?`;
  const action = running.length > 0 ? 'Force Remove' : 'Remove';
  if (!(await confirmDestructive(message, names, { action }))) return;
  const docker = requireDocker(ctx.session);
  await runOnEach(targets, { title: 'Remove', viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => removeInEngine(docker, c.id, { force: running.length > 0 }));
}

export async function renameContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await containerTargets(ctx.session, args, 'Rename Container', undefined, false);
  if (!target) return;
  const preset = presetArg<{ newName: string }>(args, 'newName')?.newName;
  const name = preset ?? await vscode.window.showInputBox({
    title: `Rename ${target.name}`,
    value: target.name,
    prompt: 'New container name',
    validateInput: (value) => (value === target.name ? 'That is its current name.' : validateContainerName(value)),
  });
  if (name === undefined) return;
  const problem = validateContainerName(name);
  if (problem) throw new Error(problem);
  await renameInEngine(requireDocker(ctx.session), target.id, name);
}
