import * as vscode from 'vscode';
import { removeContainer as removeInEngine, renameContainer as renameInEngine, validateContainerName } from '../containerActions';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { CONTAINERS_VIEW, containerTargets, isRunning } from './containerTargets';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireClient } from '../../workbench/targets';

/** Removes containers; running ones only with an explicit "Force Remove", which kills them first. */
export async function removeContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx.session, args, vscode.l10n.t('Remove Container'));
  if (targets.length === 0) return;
  const running = targets.filter(isRunning);
  const names = targets.map((c) => (isRunning(c) ? vscode.l10n.t('{0} (running)', c.name) : c.name));
  const action = running.length > 0 ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove');
  if (!(await confirmDestructive(removeQuestion(targets.map((c) => c.name), running.length), names, { action }))) return;
  const docker = requireClient(ctx.session);
  await runOnEach(targets, { title: vscode.l10n.t('Remove'), viewId: CONTAINERS_VIEW, name: (c) => c.name }, (c) => removeInEngine(docker, c.id, { force: running.length > 0 }));
}

/** Whole sentences per case, so each translates as one. */
function removeQuestion(names: string[], running: number): string {
  if (names.length === 1) {
    return running === 0
      ? vscode.l10n.t('Remove container {0}?', names[0])
      : vscode.l10n.t('Remove container {0}? It is running and will be killed first.', names[0]);
  }
  if (running === 0) return vscode.l10n.t('Remove {0} containers?', names.length);
  if (running === names.length) return vscode.l10n.t('Remove {0} containers? They are running and will be killed first.', names.length);
  return vscode.l10n.t('Remove {0} containers? {1} of them are running and will be killed first.', names.length, running);
}

export async function renameContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await containerTargets(ctx.session, args, vscode.l10n.t('Rename Container'), undefined, false);
  if (!target) return;
  const preset = presetArg<{ newName: string }>(args, 'newName')?.newName;
  const name = preset ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Rename {0}', target.name),
    value: target.name,
    prompt: vscode.l10n.t('New container name'),
    validateInput: (value) => (value === target.name ? vscode.l10n.t('That is its current name.') : validateContainerName(value)),
  });
  if (name === undefined) return;
  const problem = validateContainerName(name);
  if (problem) throw new Error(problem);
  await renameInEngine(requireClient(ctx.session), target.id, name);
}
