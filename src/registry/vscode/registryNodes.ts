import * as vscode from 'vscode';
import type { TagDetails } from '../manifestDetails';
import type { RegistryEntry } from '../registryList';
import { formatAge, formatBytes, markdownCode, markdownText } from '../../workbench/format';

/** Rows of the Registries view. */
export type RegistryNode =
  | { kind: 'registry'; entry: RegistryEntry; loggedIn: boolean }
  | { kind: 'repository'; entry: RegistryEntry; repository: string }
  | { kind: 'tag'; entry: RegistryEntry; repository: string; tag: string }
  | { kind: 'more'; entry: RegistryEntry; repository: string; remaining: number }
  | { kind: 'message'; text: string; detail?: string; retry?: RegistryNode; icon?: string };

/** What `docker pull` takes for a tag of the view: Docker Hub's without a host. */
export function tagReference(node: { entry: RegistryEntry; repository: string; tag: string }): string {
  const repository = node.entry.host === 'docker.io' ? node.repository.replace(/^library\//, '') : `${node.entry.host}/${node.repository}`;
  return `${repository}:${node.tag}`;
}

export function nodeId(node: RegistryNode): string {
  switch (node.kind) {
    case 'registry':
      return `registry:${node.entry.host}`;
    case 'repository':
      return `repository:${node.entry.host}/${node.repository}`;
    case 'tag':
      return `tag:${node.entry.host}/${node.repository}:${node.tag}`;
    case 'more':
      return `more:${node.entry.host}/${node.repository}`;
    case 'message':
      return `message:${node.retry ? nodeId(node.retry) : ''}:${node.text}`;
  }
}

export function registryItem(node: Extract<RegistryNode, { kind: 'registry' }>): vscode.TreeItem {
  const { entry } = node;
  const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.Collapsed);
  const parts = [entry.name !== entry.host ? entry.host : undefined, node.loggedIn ? vscode.l10n.t('logged in') : vscode.l10n.t('anonymous'), entry.insecure ? 'http' : undefined];
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('cloud');
  // ".loggedIn" offers Log Out; ".listed" (in the berth.registries setting) offers Remove from the List.
  item.contextValue = `berth.registry${node.loggedIn ? '.loggedIn' : ''}${entry.listed ? '.listed' : ''}`;
  item.tooltip = new vscode.MarkdownString(`**${markdownText(entry.name)}** ${markdownCode(entry.host)}\n\n${entry.inDockerConfig ? vscode.l10n.t('From the Docker config.json') : vscode.l10n.t('From the berth.registries setting')}`);
  return item;
}

export function repositoryItem(node: Extract<RegistryNode, { kind: 'repository' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon('repo');
  item.contextValue = 'berth.registryRepository';
  item.tooltip = `${node.entry.host}/${node.repository}`;
  return item;
}

/** A tag row: its details once loaded, "loading…" until then, the registry's reason when they failed. */
export function tagItem(node: Extract<RegistryNode, { kind: 'tag' }>, details: TagDetails | Error | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.tag, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('tag');
  item.contextValue = 'berth.registryTag';
  const reference = tagReference(node);
  const tooltip = new vscode.MarkdownString(`**${markdownText(reference)}**`);
  if (details === undefined) {
    item.description = vscode.l10n.t('loading…');
  } else if (details instanceof Error) {
    item.description = vscode.l10n.t('details unavailable');
    tooltip.appendMarkdown(`\n\n${markdownText(details.message)}`);
    item.iconPath = new vscode.ThemeIcon('warning');
  } else {
    const parts: string[] = [];
    if (details.size !== undefined) parts.push(formatBytes(details.size));
    if (details.created) parts.push(formatAge(new Date(details.created).getTime() / 1000));
    if (details.platforms.length > 0) parts.push(details.platforms.length > 3 ? vscode.l10n.t('{0} platforms', details.platforms.length) : details.platforms.join(', '));
    if (details.digest) parts.push(details.digest.replace(/^sha256:/, '').slice(0, 12));
    item.description = parts.join(' · ');
    if (details.digest) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Digest')}: ${markdownCode(details.digest)}`);
    if (details.size !== undefined) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Size')}: ${formatBytes(details.size)}${details.isList ? ` (${vscode.l10n.t('one platform')})` : ''}`);
    if (details.created) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Created')}: ${markdownText(new Date(details.created).toLocaleString())}`);
    if (details.platforms.length > 0) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Platforms')}: ${markdownText(details.platforms.join(', '))}`);
    if (details.mediaType) tooltip.appendMarkdown(`\n\n${markdownCode(details.mediaType)}`);
  }
  item.tooltip = tooltip;
  return item;
}

export function moreItem(node: Extract<RegistryNode, { kind: 'more' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show more tags ({0} left)', node.remaining), vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: 'berth.registries.showMoreTags', title: vscode.l10n.t('Show More Tags'), arguments: [node] };
  return item;
}

export function messageItem(node: Extract<RegistryNode, { kind: 'message' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.icon ?? (node.retry ? 'error' : 'info'));
  if (node.detail) item.tooltip = node.detail;
  if (node.retry) {
    item.description = vscode.l10n.t('Retry');
    item.command = { command: 'berth.registries.refresh', title: vscode.l10n.t('Retry'), arguments: [node.retry] };
  }
  item.contextValue = node.retry ? 'berth.registryMessage.retry' : 'berth.registryMessage';
  return item;
}
