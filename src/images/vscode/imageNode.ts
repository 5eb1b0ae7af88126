import * as vscode from 'vscode';
import type { ImageInfo } from '../../engine/listings';
import { formatAge, formatBytes, markdownText, shortId } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';

/** Loads an expanded image's sections; called each time the image is expanded, never before. */
export type ImageChildren = (image: ImageInfo, scope: string) => Promise<BerthNode[]>;

export class ImageNode implements BerthNode {
  readonly item: vscode.TreeItem;

  /** `tag` is one of the image's tags (an image with several tags shows once per tag, as `docker images` does). */
  constructor(
    readonly image: ImageInfo,
    readonly tag: string | undefined,
    usedBy: number,
    private readonly loadChildren?: ImageChildren,
  ) {
    const label = tag ?? `<none> ${shortId(image.id)}`;
    const item = new vscode.TreeItem(label, loadChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `image:${image.id}:${tag ?? ''}`;
    const parts = [formatBytes(image.size), formatAge(image.created)];
    if (usedBy > 0) parts.push(`${usedBy} container${usedBy === 1 ? '' : 's'}`);
    if (image.dangling) parts.unshift('dangling');
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(image.dangling ? 'file-binary' : 'package', usedBy > 0 ? new vscode.ThemeColor('charts.blue') : undefined);
    item.contextValue = image.dangling ? 'image.dangling' : 'image';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${markdownText(label)}**\n\n`);
    tooltip.appendMarkdown(`ID \`${shortId(image.id)}\` · ${formatBytes(image.size)} · created ${formatAge(image.created)}\n\n`);
    if (image.tags.length > 1) tooltip.appendMarkdown(`Tags: ${image.tags.map((tag) => markdownText(tag)).join(', ')}\n\n`);
    tooltip.appendMarkdown(usedBy > 0 ? `Used by ${usedBy} container${usedBy === 1 ? '' : 's'}` : 'Not used by any container');
    item.tooltip = tooltip;
    this.item = item;
  }

  async children(): Promise<BerthNode[]> {
    return this.loadChildren ? this.loadChildren(this.image, String(this.item.id)) : [];
  }
}
