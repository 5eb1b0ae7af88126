import * as vscode from 'vscode';
import type { NetworkInfo } from '../../engine/listings';
import { markdownText } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';

export class NetworkNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(readonly network: NetworkInfo, attached: string[]) {
    const n = network;
    const item = new vscode.TreeItem(n.name, vscode.TreeItemCollapsibleState.None);
    item.id = `network:${n.id}`;
    const parts = [n.driver, n.scope];
    if (n.subnets.length > 0) parts.push(n.subnets.join(', '));
    if (attached.length > 0) parts.push(`${attached.length} container${attached.length === 1 ? '' : 's'}`);
    if (n.builtin) parts.unshift('built-in');
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(n.builtin ? 'lock-small' : 'type-hierarchy-sub', attached.length > 0 ? new vscode.ThemeColor('charts.blue') : undefined);
    item.contextValue = n.builtin ? 'network.builtin' : 'network';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${markdownText(n.name)}**${n.builtin ? ' (built-in)' : ''}\n\n`);
    tooltip.appendMarkdown(`Driver ${markdownText(n.driver)} · scope ${markdownText(n.scope)}${n.internal ? ' · internal' : ''}${n.attachable ? ' · attachable' : ''}\n\n`);
    if (n.subnets.length > 0) tooltip.appendMarkdown(`Subnets: ${markdownText(n.subnets.join(', '))}\n\n`);
    tooltip.appendMarkdown(attached.length > 0 ? `Containers: ${attached.map((name) => markdownText(name)).join(', ')}` : 'No containers attached');
    item.tooltip = tooltip;
    this.item = item;
  }
}
