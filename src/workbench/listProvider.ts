import * as vscode from 'vscode';
import type { EngineLists } from '../engine/engineData';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import type { EngineSession } from '../engine/vscode/engineSession';
import { EngineGroupNode } from './engineGroupNode';

/** A tree node that knows its own children; leaf nodes have none. */
export interface BerthNode {
  readonly item: vscode.TreeItem;
  children?(): BerthNode[] | Promise<BerthNode[]>;
  /** The tooltip, made on hover only: for nodes that come by the thousand (files in a folder). */
  tooltip?(): vscode.MarkdownString | string;
}

/**
 * One view's provider. With one engine its top level is that engine's list, mapped to nodes by the
 * subclass; with several, each engine is a top-level node holding its own tree, and an engine that
 * is slow or unreachable only affects its own node. It shows nothing while the only engine is
 * unreachable, so the welcome content can say why.
 */
export abstract class ListProvider<K extends ObjectKind> implements vscode.TreeDataProvider<BerthNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<BerthNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly groups = new Map<string, EngineGroupNode>();
  /** Which engine each shown node belongs to, so its children (and commands) know too. */
  private readonly nodeEngines = new WeakMap<BerthNode, EngineSession>();
  private readonly qualified = new WeakSet<BerthNode>();

  constructor(
    protected readonly engines: EngineRegistry,
    readonly kind: K,
    /** Other lists whose changes alter this view (image usage counts come from containers). */
    private readonly alsoDependsOn: ObjectKind[] = [],
  ) {
    this.disposables.push(
      engines.onDidChangeEngines(() => this.changeEmitter.fire(undefined)),
      engines.onDidChangeState((engine) => this.fireFor(engine)),
      engines.onDidChangeList(({ engine, kind: changed }) => {
        if (changed === kind || alsoDependsOn.includes(changed)) this.fireFor(engine);
      }),
    );
  }

  protected abstract toNodes(list: EngineLists[K], engine: EngineSession): BerthNode[] | Promise<BerthNode[]>;

  getTreeItem(node: BerthNode): vscode.TreeItem {
    return node.item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: BerthNode): vscode.TreeItem {
    if (item.tooltip === undefined && node.tooltip) item.tooltip = node.tooltip();
    return item;
  }

  async getChildren(node?: BerthNode): Promise<BerthNode[]> {
    if (!node) {
      if (!this.engines.multiple) return this.engineNodes(this.engines.current);
      return this.engines.all().map((engine) => this.group(engine));
    }
    if (node instanceof EngineGroupNode) return node.engine.state.kind === 'connected' ? this.engineNodes(node.engine) : node.children();
    const engine = this.nodeEngines.get(node);
    try {
      const children = (await node.children?.()) ?? [];
      return engine ? this.adopt(children, engine) : children;
    } catch {
      // The object went away between listing and expanding; the next event redraws the tree.
      return [];
    }
  }

  /** What an engine's node says when its list shows nothing. */
  protected emptyText(): string {
    return emptyText(this.kind);
  }

  /** Reloads this view's lists on every engine; resolves once they are loaded. */
  refresh(): Promise<void> {
    return Promise.all(this.engines.all().map((engine) => engine.data.invalidate([this.kind, ...this.alsoDependsOn]))).then(() => undefined);
  }

  /** Redraws one node (after it changed itself) or, without one, the whole view from the cached lists. */
  redraw(node?: BerthNode): void {
    this.changeEmitter.fire(node);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changeEmitter.dispose();
  }

  private async engineNodes(engine: EngineSession): Promise<BerthNode[]> {
    if (engine.state.kind !== 'connected') return [];
    try {
      const list = await engine.data.get(this.kind);
      for (const other of this.alsoDependsOn) await engine.data.get(other);
      const nodes = this.adopt(await this.toNodes(list, engine), engine);
      // Under its engine's node an empty list says so; alone, the view's own empty state does.
      return nodes.length === 0 && this.engines.multiple ? [EngineGroupNode.message(engine, this.emptyText(), 'info')] : nodes;
    } catch (err) {
      // A failed list means the engine went away mid-request; the connection reports it and the view
      // refills. Beside other engines the failure is shown, so the empty node is not a mystery.
      return this.engines.multiple ? [EngineGroupNode.message(engine, err)] : [];
    }
  }

  // With several engines the same object can be listed twice (two endpoints of one engine), and
  // tree item ids must be unique in a view: they get the engine's key in front.
  private adopt(nodes: BerthNode[], engine: EngineSession): BerthNode[] {
    for (const node of nodes) {
      this.nodeEngines.set(node, engine);
      if (this.engines.multiple && node.item.id !== undefined && !this.qualified.has(node)) {
        node.item.id = `${engine.key}/${node.item.id}`;
        this.qualified.add(node);
      }
    }
    return nodes;
  }

  // One node per engine for the life of its session, so a change on one engine redraws only that
  // engine's subtree and a context menu open on another engine's row keeps its node.
  private group(engine: EngineSession): EngineGroupNode {
    const existing = this.groups.get(engine.key);
    if (existing?.engine === engine) return existing;
    const node = new EngineGroupNode(engine, this.kind);
    this.groups.set(engine.key, node);
    return node;
  }

  private fireFor(engine: EngineSession): void {
    const group = this.engines.multiple ? this.groups.get(engine.key) : undefined;
    this.changeEmitter.fire(group?.engine === engine ? group : undefined);
  }
}

function emptyText(kind: ObjectKind): string {
  switch (kind) {
    case 'container':
      return vscode.l10n.t('No containers');
    case 'image':
      return vscode.l10n.t('No images');
    case 'volume':
      return vscode.l10n.t('No volumes');
    case 'network':
      return vscode.l10n.t('No networks');
  }
}
