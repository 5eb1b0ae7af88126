import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { compareNames, markdownCode, markdownText } from '../../workbench/format';
import { dockerConfigDir, listContexts, type DockerContext } from '../dockerContexts';
import type { EngineSession } from './engineSession';

/** A row of the Engines view: the engine Berth is connected to, or a Docker context. */
export type EngineNode = { kind: 'inUse' } | { kind: 'context'; context: DockerContext };

/** The docker CLI's configuration folder as Berth's extension host sees it. */
export function configDir(): string {
  return dockerConfigDir(process.env, os.homedir());
}

/**
 * The Engines view: which engine Berth uses and why (setting, DOCKER_HOST or context), then the
 * Docker contexts the docker CLI knows, the current one marked. It follows the context store on
 * disk, so `docker context create/use/rm` in a terminal shows up at once.
 */
export class EnginesProvider implements vscode.TreeDataProvider<EngineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: EngineSession) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(configDir()), '{config.json,contexts/meta/**}'));
    const refresh = (): void => this.refresh();
    this.disposables.push(this.changed, watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh), session.onDidChangeState(refresh));
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(parent?: EngineNode): Promise<EngineNode[]> {
    if (parent) return [];
    const contexts = await listContexts(configDir());
    contexts.sort((a, b) => compareNames(a.name, b.name));
    return [{ kind: 'inUse' }, ...contexts.map((context): EngineNode => ({ kind: 'context', context }))];
  }

  getTreeItem(node: EngineNode): vscode.TreeItem {
    return node.kind === 'inUse' ? this.inUseItem() : contextItem(node.context);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private inUseItem(): vscode.TreeItem {
    const state = this.session.state;
    const endpoint = this.session.endpoint;
    const from =
      endpoint?.source === 'context'
        ? vscode.l10n.t('context {0}', endpoint.context ?? '')
        : endpoint?.source === 'setting'
          ? 'berth.dockerHost'
          : (endpoint?.source ?? '');
    const label = state.kind === 'connected' ? `${state.product} ${state.version}` : state.kind === 'connecting' ? vscode.l10n.t('Connecting…') : vscode.l10n.t('Unreachable');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = endpoint ? `${endpoint.host} · ${from}` : '';
    item.iconPath = new vscode.ThemeIcon(state.kind === 'connected' ? 'vm-running' : state.kind === 'connecting' ? 'sync' : 'vm-outline');
    item.contextValue = 'berth.engine.inUse';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(vscode.l10n.t('Berth uses {0} (from {1}).', endpoint ? markdownCode(endpoint.host) : '?', markdownText(from)));
    if (state.kind === 'unreachable') tooltip.appendMarkdown(`\n\n${markdownText(state.message, 1000)}`);
    item.tooltip = tooltip;
    item.command = { command: 'berth.containers.focus', title: vscode.l10n.t('Show Containers') };
    return item;
  }
}

function contextItem(context: DockerContext): vscode.TreeItem {
  const item = new vscode.TreeItem(context.name, vscode.TreeItemCollapsibleState.None);
  const tls = context.tlsFiles.length > 0 ? ' · TLS' : '';
  item.description = `${context.host}${tls}${context.current ? ` · ${vscode.l10n.t('current')}` : ''}`;
  item.iconPath = new vscode.ThemeIcon(context.current ? 'pass-filled' : 'circle-large-outline');
  item.contextValue = context.current ? 'berth.engine.context.current' : 'berth.engine.context';
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${markdownText(context.name)}**${context.current ? ` (${vscode.l10n.t('the current context')})` : ''}\n\n${markdownCode(context.host)}`);
  if (context.description) tooltip.appendMarkdown(`\n\n${markdownText(context.description, 500)}`);
  if (context.tlsFiles.length > 0) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('TLS files: {0}', context.tlsFiles.join(', '))}${context.skipTlsVerify ? ` (${vscode.l10n.t('server certificate not verified')})` : ''}`);
  tooltip.appendMarkdown(`\n\n${markdownText(path.join(configDir(), 'contexts'))}`);
  item.tooltip = tooltip;
  return item;
}
