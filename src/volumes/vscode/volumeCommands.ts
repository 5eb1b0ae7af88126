import * as vscode from 'vscode';
import { createVolume as createInEngine, parseLabels, removeVolume as removeInEngine, validateVolumeName, volumeUsers } from '../volumeActions';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { clientFor, engineForCommand, requireClient } from '../../workbench/targets';
import { volumeTargets } from './volumeTargets';

export async function createVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const engine = await engineForCommand(ctx.engines, args, vscode.l10n.t('Create Volume'));
  if (!engine) return;
  const preset = presetArg<{ name: string; driver: string; labels: Record<string, string> }>(args, 'name');
  if (preset?.name !== undefined) {
    await createInEngine(requireClient(engine), { name: preset.name, driver: preset.driver, labels: preset.labels });
    return;
  }
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Volume ({0}/{1})', 1, 3),
    prompt: vscode.l10n.t('Volume name: letters, digits, then letters, digits, _ . or -'),
    validateInput: (value) => validateVolumeName(value.trim()),
  });
  if (name === undefined) return;
  const driver = await vscode.window.showInputBox({ title: vscode.l10n.t('Create Volume ({0}/{1})', 2, 3), prompt: vscode.l10n.t('Driver'), value: 'local' });
  if (driver === undefined) return;
  const labelsText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Volume ({0}/{1})', 3, 3),
    prompt: vscode.l10n.t('Labels, comma separated: team=api, env=dev (empty: none)'),
    validateInput: (value) => {
      const parsed = parseLabels(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (labelsText === undefined) return;
  const labels = parseLabels(labelsText);
  if (!labels.ok) throw new Error(labels.message);
  await createInEngine(requireClient(engine), { name: name.trim(), driver: driver.trim() || undefined, labels: labels.labels });
}

/** Removing a volume loses its data, so this always asks, naming the volumes and who uses them. */
export async function removeVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await volumeTargets(ctx.engines, args, vscode.l10n.t('Remove Volume'));
  if (targets.length === 0) return;
  const users = await Promise.all(targets.map((v) => volumeUsers(clientFor(ctx.engines, v), v.name)));
  const names = targets.map((v, i) => (users[i].length > 0 ? vscode.l10n.t('{0} (used by {1})', v.name, users[i].join(', ')) : v.name));
  const inUse = users.some((u) => u.length > 0);
  const question =
    targets.length === 1
      ? vscode.l10n.t('Remove volume {0}? Its data will be lost.', targets[0].name)
      : vscode.l10n.t('Remove {0} volumes? Their data will be lost.', targets.length);
  const message = inUse ? `${question} ${vscode.l10n.t('Volumes in use are refused by the engine.')}` : question;
  if (!(await confirmDestructive(message, names, { action: vscode.l10n.t('Remove'), alwaysAsk: true }))) return;
  await runOnEach(targets, { title: vscode.l10n.t('Remove'), viewId: 'berth.volumes', name: (v) => v.name }, (v) => removeInEngine(clientFor(ctx.engines, v), v.name, { force: false }));
}
