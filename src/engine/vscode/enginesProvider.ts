import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { compareNames, markdownCode, markdownText } from '../../workbench/format';
import { dockerConfigDir } from '../dockerContexts';
import type { ConnectionState } from '../engineConnection';
import type { EngineEntry } from '../engineEntries';
import type { EngineRegistry } from './engineRegistry';
import type { EngineSession } from './engineSession';

/** A row of the Engines view: an engine Berth knows, connected or not. */
export interface EngineNode {
  entry: EngineEntry;
}

/** A berth.engines entry Berth left out, with why; clicking it opens the setting. */
interface ProblemNode {
  problem: string;
}

type EnginesViewNode = EngineNode | ProblemNode;

/** The docker CLI's configuration folder as Berth's extension host sees it. */
export function configDir(): string {
  return dockerConfigDir(process.env, os.homedir());
}

type RowState = 'connected' | 'connecting' | 'unreachable' | 'closed' | 'self';

/**
 * The Engines view: the engine Berth uses and why (setting, DOCKER_HOST or context), then every
 * other engine it knows (Docker contexts, berth.engines, DOCKER_HOST) with its state, to connect
 * beside the current one. It follows the context store on disk and the setting (through the
 * registry).
 */
export class EnginesProvider implements vscode.TreeDataProvider<EnginesViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly engines: EngineRegistry) {
    const refresh = (): void => this.refresh();
    this.disposables.push(this.changed, engines.onDidChangeState(refresh), engines.onDidChangeEngines(refresh), engines.onDidChangeEntries(refresh));
    // Running/total counts come from the container lists of the connected engines.
    this.disposables.push(engines.onDidChangeList(({ kind }) => kind === 'container' && refresh()));
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(parent?: EnginesViewNode): Promise<EnginesViewNode[]> {
    if (parent) return [];
    const [current, ...others] = await this.engines.entries();
    others.sort((a, b) => compareNames(a.name, b.name));
    const problems = this.engines.settingProblems.map((problem) => ({ problem }));
    return [...[current, ...others].map((entry) => ({ entry })), ...problems];
  }

  getTreeItem(node: EnginesViewNode): vscode.TreeItem {
    if ('problem' in node) return problemItem(node.problem);
    const entry = node.entry;
    const session = this.engines.get(entry.key);
    const state: RowState = session ? session.state.kind : entry.kind !== 'current' && entry.sameAsCurrent ? 'self' : 'closed';
    const item = entry.kind === 'current' ? this.currentItem(this.engines.current) : otherItem(entry, session, state);
    const kind = entry.kind === 'current' ? 'inUse' : entry.kind;
    const currentContext = entry.kind === 'context' && entry.context.current ? '.current' : '';
    item.contextValue = `berth.engine.${kind}${currentContext}.${state}`;
    item.id = `engine:${entry.key}`;
    return item;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private currentItem(session: EngineSession): vscode.TreeItem {
    const state = session.state;
    const endpoint = session.endpoint;
    const from =
      endpoint?.source === 'context'
        ? vscode.l10n.t('context {0}', endpoint.context ?? '')
        : endpoint?.source === 'setting'
          ? 'berth.dockerHost'
          : (endpoint?.source ?? '');
    const label = state.kind === 'connected' ? `${state.product} ${state.version}` : state.kind === 'connecting' ? vscode.l10n.t('Connecting…') : vscode.l10n.t('Unreachable');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = [endpoint ? `${endpoint.host} · ${from}` : '', counts(session)].filter(Boolean).join(' · ');
    item.iconPath = stateIcon(state.kind);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(vscode.l10n.t('Berth uses {0} (from {1}).', endpoint ? markdownCode(endpoint.host) : '?', markdownText(from)));
    if (state.kind === 'unreachable') tooltip.appendMarkdown(`\n\n${markdownText(state.message, 1000)}`);
    item.tooltip = tooltip;
    item.command = { command: 'berth.containers.focus', title: vscode.l10n.t('Show Containers') };
    return item;
  }
}

function problemItem(problem: string): vscode.TreeItem {
  const item = new vscode.TreeItem(problem, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.tooltip = vscode.l10n.t('This berth.engines entry is left out: {0} Click to open the setting.', problem);
  item.contextValue = 'berth.engineProblem';
  item.id = `engine-problem:${problem}`;
  item.command = { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['berth.engines'] };
  return item;
}

function stateIcon(state: RowState): vscode.ThemeIcon {
  switch (state) {
    case 'connected':
      return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green'));
    case 'connecting':
      return new vscode.ThemeIcon('sync~spin');
    case 'unreachable':
      return new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('charts.red'));
    case 'self':
      return new vscode.ThemeIcon('pass-filled');
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

function counts(session: EngineSession): string {
  const containers = session.state.kind === 'connected' ? session.data.peek('container') : undefined;
  if (!containers) return '';
  const running = containers.filter((c) => c.state === 'running').length;
  return vscode.l10n.t('{0}/{1} running', running, containers.length);
}

function stateText(state: ConnectionState | undefined, row: RowState): string {
  if (row === 'self') return vscode.l10n.t('in use');
  if (!state) return vscode.l10n.t('not connected');
  if (state.kind === 'connected') return `${state.product} ${state.version}`;
  return state.kind === 'connecting' ? vscode.l10n.t('connecting…') : vscode.l10n.t('unreachable');
}

function otherItem(entry: Exclude<EngineEntry, { kind: 'current' }>, session: EngineSession | undefined, row: RowState): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
  const tls = entry.kind === 'context' ? entry.context.tlsFiles.length > 0 : entry.kind === 'setting' && entry.tls !== undefined;
  const current = entry.kind === 'context' && entry.context.current ? ` · ${vscode.l10n.t('current')}` : '';
  item.description = [stateText(session?.state, row), session ? counts(session) : '', `${entry.host}${tls ? ' · TLS' : ''}${current}`].filter(Boolean).join(' · ');
  item.iconPath = stateIcon(row);
  const tooltip = new vscode.MarkdownString(undefined, true);
  const source = entry.kind === 'context' ? vscode.l10n.t('Docker context') : entry.kind === 'setting' ? 'berth.engines' : 'DOCKER_HOST';
  tooltip.appendMarkdown(`**${markdownText(entry.name)}** (${markdownText(source)})\n\n${markdownCode(entry.host)}`);
  if (entry.kind === 'context') {
    const context = entry.context;
    if (context.description) tooltip.appendMarkdown(`\n\n${markdownText(context.description, 500)}`);
    if (context.tlsFiles.length > 0) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('TLS files: {0}', context.tlsFiles.join(', '))}${context.skipTlsVerify ? ` (${vscode.l10n.t('server certificate not verified')})` : ''}`);
    tooltip.appendMarkdown(`\n\n${markdownText(path.join(configDir(), 'contexts'))}`);
  }
  if (row === 'self') tooltip.appendMarkdown(`\n\n${vscode.l10n.t('This is the engine Berth uses now.')}`);
  if (session?.state.kind === 'unreachable') tooltip.appendMarkdown(`\n\n${markdownText(session.state.message, 1000)}`);
  item.tooltip = tooltip;
  return item;
}
