import * as vscode from 'vscode';
import type { BerthNode } from '../../workbench/listProvider';

export interface DetailSpec {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  command?: vscode.Command;
  contextValue?: string;
}

/** A leaf under an expanded container: one port, mount, network, label or fact. */
export class DetailNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(spec: DetailSpec, id: string) {
    const item = new vscode.TreeItem(spec.label, vscode.TreeItemCollapsibleState.None);
    item.id = id;
    item.description = spec.description;
    item.tooltip = spec.tooltip;
    if (spec.icon) item.iconPath = new vscode.ThemeIcon(spec.icon);
    item.command = spec.command;
    item.contextValue = spec.contextValue ?? 'detail';
    this.item = item;
  }
}

/** An environment variable; values whose names look secret stay masked until "Reveal Value". */
export class EnvVarNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(
    readonly name: string,
    readonly value: string,
    readonly secret: boolean,
    id: string,
  ) {
    this.item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    this.item.id = id;
    this.item.iconPath = new vscode.ThemeIcon(secret ? 'lock' : 'symbol-variable');
    this.show(!secret);
  }

  /** Shows or masks the value; the tree redraws this node when the provider fires it. */
  show(revealed: boolean): void {
    this.item.description = revealed ? this.value : '••••••••';
    this.item.tooltip = revealed ? `${this.name}=${this.value}` : `${this.name} looks secret: its value is hidden. Right-click → Reveal Value.`;
    this.item.contextValue = this.secret && !revealed ? 'envVar.masked' : 'envVar';
  }
}

/** A heading under an expanded container (Ports, Mounts, ...), holding its entries. */
export class DetailSectionNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(
    label: string,
    icon: string,
    private readonly entries: BerthNode[],
    id: string,
    expanded = false,
  ) {
    const item = new vscode.TreeItem(label, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${entries.length}`;
    item.iconPath = new vscode.ThemeIcon(icon);
    item.contextValue = 'detailSection';
    this.item = item;
  }

  children(): BerthNode[] {
    return this.entries;
  }
}
