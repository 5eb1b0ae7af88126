import * as vscode from 'vscode';
import { engineErrorMessage } from '../engine/engineErrors';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineSession } from '../engine/vscode/engineSession';
import { markdownCode, markdownText } from './format';
import type { BerthNode } from './listProvider';

/**
 * An engine's row at the top of a view when several engines are open. Its item is built when asked
 * for, so a state change redraws the row in place.
 */
export class EngineGroupNode implements BerthNode {
  constructor(
    readonly engine: EngineSession,
    private readonly kind: ObjectKind,
  ) {}

  get item(): vscode.TreeItem {
    const engine = this.engine;
    const state = engine.state;
    const item = new vscode.TreeItem(engine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `engine:${engine.key}:${this.kind}`;
    const host = engine.endpoint?.host ?? '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${markdownText(engine.name)}** ${markdownCode(host)}`);
    if (state.kind === 'connected') {
      item.description = `${state.product} ${state.version}`;
      item.iconPath = new vscode.ThemeIcon('server', new vscode.ThemeColor('charts.green'));
      tooltip.appendMarkdown(`\n\n${markdownText(`${state.product} ${state.version} (API ${state.apiVersion}, ${state.os})`)}`);
    } else if (state.kind === 'connecting') {
      item.description = vscode.l10n.t('connecting…');
      item.iconPath = new vscode.ThemeIcon('sync~spin');
    } else {
      item.description = vscode.l10n.t('unreachable');
      item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('charts.red'));
      tooltip.appendMarkdown(`\n\n${markdownText(state.message, 1000)}`);
    }
    item.tooltip = tooltip;
    item.contextValue = `berth.engineGroup.${state.kind}${engine.isCurrent ? '.current' : ''}`;
    return item;
  }

  /** While not connected: why, with a Retry row. */
  children(): BerthNode[] {
    const state = this.engine.state;
    if (state.kind === 'connecting') return [leaf(vscode.l10n.t('Connecting to {0}…', this.engine.endpoint?.host ?? this.engine.name), 'sync~spin')];
    if (state.kind !== 'unreachable') return [];
    return [EngineGroupNode.message(this.engine, state.message), retryRow(this.engine)];
  }

  /** A row that says why an engine's list is not shown (or that it is empty, with the `info` icon). */
  static message(engine: EngineSession, reason: unknown, icon = 'warning'): BerthNode {
    const text = typeof reason === 'string' ? reason : engineErrorMessage(reason);
    const node = leaf(text.replace(/\s+/g, ' '), icon);
    node.item.tooltip = text;
    node.item.id = `engine:${engine.key}:problem`;
    return node;
  }
}

function leaf(label: string, icon: string): BerthNode {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(icon);
  return { item };
}

function retryRow(engine: EngineSession): BerthNode {
  const node = leaf(vscode.l10n.t('Retry'), 'refresh');
  node.item.command = { command: 'berth.engine.retry', title: vscode.l10n.t('Retry'), arguments: [{ engine: engine.key }] };
  node.item.id = `engine:${engine.key}:retry`;
  return node;
}
