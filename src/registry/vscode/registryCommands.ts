import * as vscode from 'vscode';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { presetArg } from '../../workbench/presets';
import { registryHost } from '../registryClient';
import { deleteTag as deleteInRegistry } from '../registryTags';
import { tagReference, type RegistryNode } from './registryNodes';

type Of<K extends RegistryNode['kind']> = Extract<RegistryNode, { kind: K }>;

function nodeOf<K extends RegistryNode['kind']>(args: unknown[], kind: K): Of<K> | undefined {
  const node = args[0] as RegistryNode | undefined;
  return node && typeof node === 'object' && 'kind' in node && node.kind === kind ? (node as Of<K>) : undefined;
}

/** A registry of the view: the clicked one, else picked from the list. */
export async function pickRegistry(ctx: CommandContext, args: unknown[], title: string): Promise<Of<'registry'>['entry'] | undefined> {
  const clicked = nodeOf(args, 'registry') ?? nodeOf(args, 'repository');
  if (clicked) return clicked.entry;
  const { entries } = ctx.registries.registries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no registries yet. Log in to one, or add it to the berth.registries setting.', title));
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.name, description: entry.name !== entry.host ? entry.host : undefined, entry })),
    { title },
  );
  return chosen?.entry;
}

export function refreshRegistries(ctx: CommandContext, ...args: unknown[]): void {
  ctx.registries.refresh(args[0] as RegistryNode | undefined);
}

export function showMoreTags(ctx: CommandContext, ...args: unknown[]): void {
  const node = nodeOf(args, 'more');
  if (node) ctx.registries.showMore(node);
}

/** Adds a registry to the berth.registries setting (user settings), so the view lists it without a login. */
export async function addRegistry(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const url =
    presetArg<{ url: string }>(args, 'url')?.url ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Registry'),
      prompt: vscode.l10n.t('Registry host[:port], e.g. registry.example.com or localhost:5000'),
      validateInput: (value) => (!value.trim() || /\s/.test(value.trim()) || !registryHost(value) ? vscode.l10n.t('Enter a host name, optionally with a port.') : undefined),
    }));
  if (!url?.trim()) return;
  const config = vscode.workspace.getConfiguration('berth');
  const current = config.get<unknown[]>('registries') ?? [];
  const host = registryHost(url.trim());
  if (current.some((e) => typeof (e as { url?: unknown })?.url === 'string' && registryHost((e as { url: string }).url) === host)) return;
  await config.update('registries', [...current, { url: url.trim() }], vscode.ConfigurationTarget.Global);
  ctx.registries.refresh();
}

/** Removes a registry from the berth.registries setting (user settings); config.json logins stay. */
export async function removeRegistry(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeOf(args, 'registry');
  const host = node?.entry.host ?? presetArg<{ url: string }>(args, 'url')?.url;
  if (!host) return;
  const config = vscode.workspace.getConfiguration('berth');
  const current = config.inspect<unknown[]>('registries')?.globalValue ?? [];
  const kept = current.filter((e) => !(typeof (e as { url?: unknown })?.url === 'string' && registryHost((e as { url: string }).url) === registryHost(host)));
  if (kept.length === current.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not in the berth.registries user setting (it may come from workspace settings or config.json).', host));
    return;
  }
  await config.update('registries', kept, vscode.ConfigurationTarget.Global);
  ctx.registries.refresh();
}

/** Remembers a repository under a registry whose catalog is closed. */
export async function addRepository(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const entry = await pickRegistry(ctx, args, vscode.l10n.t('Add Repository'));
  if (!entry) return;
  const name =
    presetArg<{ repository: string }>(args, 'repository')?.repository ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Repository to {0}', entry.name),
      prompt: vscode.l10n.t('Repository path, e.g. team/app'),
      validateInput: (value) => (/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(value.trim()) ? undefined : vscode.l10n.t('Lowercase path components separated by "/", e.g. team/app.')),
    }));
  if (!name?.trim()) return;
  // Docker Hub's official images live under library/ in the registry API.
  const repository = entry.host === 'docker.io' && !name.includes('/') ? `library/${name.trim()}` : name.trim();
  await ctx.registries.remembered.add(entry.host, repository);
  ctx.registries.refresh();
}

export async function forgetRepository(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeOf(args, 'repository');
  if (!node) return;
  await ctx.registries.remembered.remove(node.entry.host, node.repository);
  ctx.registries.refresh();
}

export async function copyTagReference(_ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeOf(args, 'tag');
  if (node) await vscode.env.clipboard.writeText(tagReference(node));
}

/** Pulls the tag with the Images view's pull (same progress, credentials and errors). */
export async function pullTag(_ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeOf(args, 'tag');
  if (node) await vscode.commands.executeCommand('berth.image.pull', tagReference(node));
}

/**
 * Deletes the manifest a tag points at, after a confirmation that names the tag and says that other
 * tags on the same manifest go with it (the registry API deletes by digest). Always asks: the
 * registry may hold the only copy.
 */
export async function deleteRegistryTag(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeOf(args, 'tag');
  if (!node) return;
  const reference = tagReference(node);
  const ok = await confirmDestructive(
    vscode.l10n.t('Delete {0} from {1}? Every tag of the same image in {2} goes with it.', reference, node.entry.name, node.repository),
    [reference],
    { action: vscode.l10n.t('Delete'), alwaysAsk: true },
  );
  if (!ok) return;
  const client = await ctx.registries.client(node.entry);
  const digest = await deleteInRegistry(client, node.repository, node.tag);
  ctx.output.info(`Deleted ${reference} (${digest}) from ${node.entry.host}`);
  ctx.registries.refresh({ kind: 'repository', entry: node.entry, repository: node.repository });
}
