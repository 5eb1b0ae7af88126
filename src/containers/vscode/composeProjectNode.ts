import * as vscode from 'vscode';
import type { ContainerInfo } from '../../engine/listings';
import type { BerthNode } from '../../workbench/listProvider';

/** A compose project: its containers grouped under the project name, with group actions. */
export class ComposeProjectNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(
    readonly project: string,
    readonly containers: ContainerInfo[],
    private readonly childNodes: BerthNode[],
    /** The project's logs are being followed: offers Stop Following Logs. */
    following = false,
  ) {
    const running = containers.filter((c) => c.state === 'running').length;
    const item = new vscode.TreeItem(project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `compose:${project}`;
    item.description = `${running}/${containers.length} running`;
    const allUp = running === containers.length;
    item.iconPath = new vscode.ThemeIcon('layers', new vscode.ThemeColor(allUp ? 'charts.green' : running > 0 ? 'charts.yellow' : 'disabledForeground'));
    item.contextValue = `${running > 0 ? 'composeProject.running' : 'composeProject.stopped'}${following ? '.following' : ''}`;
    item.tooltip = `Compose project ${project}: ${running} of ${containers.length} containers running`;
    this.item = item;
  }

  children(): BerthNode[] {
    return this.childNodes;
  }
}
