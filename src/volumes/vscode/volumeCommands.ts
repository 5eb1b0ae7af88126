import * as vscode from 'vscode';
import { createVolume as createInEngine, parseLabels, removeVolume as removeInEngine, validateVolumeName, volumeUsers } from '../volumeActions';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireDocker } from '../../workbench/targets';
import { volumeTargets } from './volumeTargets';

export async function createVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = presetArg<{ name: string; driver: string; labels: Record<string, string> }>(args, 'name');
  if (preset?.name !== undefined) {
    await createInEngine(requireDocker(ctx.session), { name: preset.name, driver: preset.driver, labels: preset.labels });
    return;
  }
  const name = await vscode.window.showInputBox({
    title: 'Create Volume (1/3)',
    prompt: 'Volume name: letters, digits, then letters, digits, _ . or -',
    validateInput: (value) => validateVolumeName(value.trim()),
  });
  if (name === undefined) return;
  const driver = await vscode.window.showInputBox({ title: 'Create Volume (2/3)', prompt: 'Driver', value: 'local' });
  if (driver === undefined) return;
  const labelsText = await vscode.window.showInputBox({
    title: 'Create Volume (3/3)',
    prompt: 'Labels, comma separated: team=api, env=dev (empty: none)',
    validateInput: (value) => {
      const parsed = parseLabels(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (labelsText === undefined) return;
  const labels = parseLabels(labelsText);
  if (!labels.ok) throw new Error(labels.message);
  await createInEngine(requireDocker(ctx.session), { name: name.trim(), driver: driver.trim() || undefined, labels: labels.labels });
}

/** Removing a volume loses its data, so this always asks, naming the volumes and who uses them. */
export async function removeVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await volumeTargets(ctx.session, args, 'Remove Volume');
  if (targets.length === 0) return;
  const docker = requireDocker(ctx.session);
  const users = await Promise.all(targets.map((v) => volumeUsers(docker, v.name)));
  const names = targets.map((v, i) => (users[i].length > 0 ? `${v.name} (used by ${users[i].join(', ')})` : v.name));
  const inUse = users.some((u) => u.length > 0);
  const subject = targets.length === 1 ? `volume ${targets[0].name}` : `${targets.length} volumes`;
  const message = `Remove ${subject}? Its data will be lost.${inUse ? ' Volumes in use are refused by the engine.' : ''}`;
  if (!(await confirmDestructive(message, names, { action: 'Remove', alwaysAsk: true }))) return;
  await runOnEach(targets, { title: 'Remove', viewId: 'berth.volumes', name: (v) => v.name }, (v) => removeInEngine(docker, v.name, { force: false }));
}
