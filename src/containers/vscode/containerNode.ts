import * as vscode from 'vscode';
import type { ContainerDetails } from '../containerDetails';
import type { ContainerInfo } from '../../engine/listings';
import { containerDetailNodes } from './containerDetailsTree';
import { filesRootNodes } from '../../files/vscode/fileNodes';
import { formatAge, markdownText, shortId } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';

function stateIcon(c: ContainerInfo): vscode.ThemeIcon {
  if (c.state === 'running') {
    if (c.health === 'unhealthy') return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.red'));
    if (c.health === 'starting') return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.yellow'));
    return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green'));
  }
  switch (c.state) {
    case 'paused':
      return new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'));
    case 'restarting':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.yellow'));
    case 'dead':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
    case 'removing':
      return new vscode.ThemeIcon('trash');
    case 'created':
      return new vscode.ThemeIcon('vm-outline');
    default:
      return new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('disabledForeground'));
  }
}

function ports(c: ContainerInfo): string {
  const published = c.ports.filter((p) => p.publicPort !== undefined);
  const shown = new Set(published.map((p) => `${p.publicPort}→${p.privatePort}/${p.type}`));
  return [...shown].join(', ');
}

export class ContainerNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(
    readonly container: ContainerInfo,
    private readonly loadDetails: (id: string) => Promise<ContainerDetails>,
    /** Inside a compose group the service name is the useful label; the full name is in the tooltip. */
    label: string = container.name,
    /** Its logs are being followed: offers Stop Following Logs. */
    following = false,
  ) {
    const c = container;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `container:${c.id}`;
    item.description = `${c.image} · ${c.status}`;
    item.iconPath = stateIcon(c);
    item.contextValue = `container.${c.state}${following ? '.following' : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${markdownText(c.name)}** $(${stateIcon(c).id}) ${markdownText(c.status)}\n\n`);
    tooltip.appendMarkdown(`| | |\n|---|---|\n`);
    tooltip.appendMarkdown(`| ID | \`${shortId(c.id)}\` |\n`);
    tooltip.appendMarkdown(`| Image | ${markdownText(c.image)} |\n`);
    tooltip.appendMarkdown(`| Command | ${markdownText(c.command)} |\n`);
    const published = ports(c);
    if (published) tooltip.appendMarkdown(`| Ports | ${markdownText(published)} |\n`);
    tooltip.appendMarkdown(`| Created | ${formatAge(c.created)} |\n`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${c.name}, ${c.image}, ${c.status}` };
    this.item = item;
  }

  async children(): Promise<BerthNode[]> {
    // File URIs carry the short ID: it heads every file's breadcrumb and tab tooltip, and the engine takes it as the ID.
    return [...filesRootNodes({ kind: 'container', id: shortId(this.container.id) }, 'containers', this.container), ...containerDetailNodes(await this.loadDetails(this.container.id))];
  }
}
