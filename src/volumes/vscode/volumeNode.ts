import * as vscode from 'vscode';
import type { VolumeInfo } from '../../engine/listings';
import { markdownCode, markdownText } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';
import { filesRootNodes } from '../../files/vscode/fileNodes';

export class VolumeNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(readonly volume: VolumeInfo, usedBy: string[]) {
    // Collapsed: its child is the Files node, browsing the volume without any container attached.
    const item = new vscode.TreeItem(volume.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `volume:${volume.name}`;
    item.description = [volume.driver, usedBy.length > 0 ? `used by ${usedBy.join(', ')}` : 'unused'].join(' · ');
    item.iconPath = new vscode.ThemeIcon('database', usedBy.length > 0 ? new vscode.ThemeColor('charts.blue') : undefined);
    item.contextValue = usedBy.length > 0 ? 'volume.inUse' : 'volume';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${markdownText(volume.name)}**\n\nDriver: ${markdownText(volume.driver)}\n\n`);
    tooltip.appendMarkdown(`Mountpoint: ${markdownCode(volume.mountpoint)}\n\n`);
    tooltip.appendMarkdown(usedBy.length > 0 ? `Used by: ${usedBy.map((name) => markdownText(name)).join(', ')}` : 'Not used by any container');
    item.tooltip = tooltip;
    this.item = item;
  }

  children(): BerthNode[] {
    return filesRootNodes({ kind: 'volume', name: this.volume.name }, 'volumes', this.volume);
  }
}
