import * as vscode from 'vscode';
import {
  connectNetwork as connectInEngine,
  createNetwork as createInEngine,
  disconnectNetwork as disconnectInEngine,
  networkContainers,
  removeNetwork as removeInEngine,
  validateNetworkOptions,
  type NetworkCreateOptions,
} from '../networkActions';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { containerTargets } from '../../containers/vscode/containerTargets';
import { isUserNetwork, networkTargets } from './networkTargets';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { clientFor, engineForCommand, engineOf, requireClient } from '../../workbench/targets';

export async function createNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const engine = await engineForCommand(ctx.engines, args, vscode.l10n.t('Create Network'));
  if (!engine) return;
  const preset = presetArg<NetworkCreateOptions & { labels: Record<string, string> }>(args, 'name');
  if (preset?.name !== undefined) {
    const problem = validateNetworkOptions({ ...preset, name: preset.name });
    if (problem) throw new Error(problem);
    await createInEngine(requireClient(engine), { ...preset, name: preset.name });
    return;
  }
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Network ({0}/{1})', 1, 4),
    prompt: vscode.l10n.t('Network name'),
    validateInput: (value) => validateNetworkOptions({ name: value.trim() }),
  });
  if (name === undefined) return;
  const driver = await vscode.window.showQuickPick(['bridge', 'overlay', 'macvlan', 'ipvlan'], { title: vscode.l10n.t('Create Network ({0}/{1}): driver', 2, 4) });
  if (!driver) return;
  const subnet = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Network ({0}/{1})', 3, 4),
    prompt: vscode.l10n.t('Subnet in CIDR form, e.g. 172.30.0.0/24 (empty: the engine picks one)'),
    validateInput: (value) => (value.trim() ? validateNetworkOptions({ name: name.trim(), subnet: value.trim() }) : undefined),
  });
  if (subnet === undefined) return;
  let gateway = '';
  if (subnet.trim()) {
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Network ({0}/{1})', 3, 4),
      prompt: vscode.l10n.t('Gateway inside {0} (empty: the engine picks one)', subnet.trim()),
      validateInput: (value) => (value.trim() ? validateNetworkOptions({ name: name.trim(), subnet: subnet.trim(), gateway: value.trim() }) : undefined),
    });
    if (answer === undefined) return;
    gateway = answer.trim();
  }
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'internal', description: vscode.l10n.t('no access to outside networks') },
      { label: 'attachable', description: vscode.l10n.t('standalone containers may join (overlay)') },
    ],
    { title: vscode.l10n.t('Create Network ({0}/{1}): options', 4, 4), canPickMany: true },
  );
  if (flags === undefined) return;
  const options = {
    name: name.trim(),
    driver,
    subnet: subnet.trim() || undefined,
    gateway: gateway || undefined,
    internal: flags.some((f) => f.label === 'internal'),
    attachable: flags.some((f) => f.label === 'attachable'),
  };
  const problem = validateNetworkOptions(options);
  if (problem) throw new Error(problem);
  await createInEngine(requireClient(engine), options);
}

export async function removeNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await networkTargets(ctx.engines, args, vscode.l10n.t('Remove Network'), isUserNetwork);
  if (targets.length === 0) return;
  const attached = await Promise.all(targets.map((n) => networkContainers(clientFor(ctx.engines, n), n.id)));
  const busy = targets.filter((_, i) => attached[i].length > 0);
  if (busy.length > 0) {
    const which = busy.map((n) => `${n.name} (${attached[targets.indexOf(n)].map((c) => c.name).join(', ')})`).join('; ');
    throw new Error(vscode.l10n.t('Cannot remove a network with attached containers; disconnect them first: {0}', which));
  }
  const question = targets.length === 1 ? vscode.l10n.t('Remove network {0}?', targets[0].name) : vscode.l10n.t('Remove {0} networks?', targets.length);
  if (!(await confirmDestructive(question, targets.map((n) => n.name), { action: vscode.l10n.t('Remove') }))) return;
  await runOnEach(targets, { title: vscode.l10n.t('Remove'), viewId: 'berth.networks', name: (n) => n.name }, (n) => removeInEngine(clientFor(ctx.engines, n), n.id));
}

export async function connectContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [network] = await networkTargets(ctx.engines, args, vscode.l10n.t('Connect a Container to Network'), (n) => n.name !== 'host' && n.name !== 'none', false);
  if (!network) return;
  const engine = engineOf(ctx.engines, network);
  const docker = requireClient(engine);
  const members = new Set((await networkContainers(docker, network.id)).map((c) => c.id));
  const preset = presetArg<{ container: string }>(args, 'container')?.container;
  const all = await engine.data.get('container');
  // A container can only join a network of its own engine.
  const containers = preset
    ? all.filter((c) => c.id === preset || c.name === preset)
    : await containerTargets(ctx.engines, [{ engine: engine.key }], vscode.l10n.t('Connect to {0}', network.name), (c) => !members.has(c.id));
  if (preset && containers.length === 0) throw new Error(vscode.l10n.t('No container named {0}.', preset));
  await runOnEach(containers, { title: vscode.l10n.t('Connect'), viewId: 'berth.networks', name: (c) => c.name }, (c) => connectInEngine(docker, network.id, c.id));
}

export async function disconnectContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [network] = await networkTargets(ctx.engines, args, vscode.l10n.t('Disconnect a Container from Network'), undefined, false);
  if (!network) return;
  const docker = clientFor(ctx.engines, network);
  const members = await networkContainers(docker, network.id);
  if (members.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No containers are attached to {0}.', network.name));
    return;
  }
  const preset = presetArg<{ container: string }>(args, 'container')?.container;
  const chosen = preset
    ? members.filter((c) => c.id === preset || c.name === preset).map((c) => ({ label: c.name, id: c.id }))
    : await vscode.window.showQuickPick(members.map((c) => ({ label: c.name, id: c.id })), { title: vscode.l10n.t('Disconnect from {0}', network.name), canPickMany: true });
  if (!chosen || chosen.length === 0) return;
  await runOnEach(chosen, { title: vscode.l10n.t('Disconnect'), viewId: 'berth.networks', name: (c) => c.label }, (c) => disconnectInEngine(docker, network.id, c.id));
}
