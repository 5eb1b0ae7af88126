import * as vscode from 'vscode';
import type { EngineLists } from '../engine/engineData';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineSession } from '../engine/vscode/engineSession';

/** A tree node that knows its own children; leaf nodes have none. */
export interface BerthNode {
  readonly item: vscode.TreeItem;
  children?(): BerthNode[] | Promise<BerthNode[]>;
}

/**
 * One view's provider: its top level is one engine list, mapped to nodes by the subclass. It redraws
 * when that list (or another it depends on) changes, and shows nothing while the engine is unreachable
 * so the welcome content can say why.
 */
export abstract class ListProvider<K extends ObjectKind> implements vscode.TreeDataProvider<BerthNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<BerthNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly unsubscribe: () => void;
  private readonly stateSubscription: vscode.Disposable;

  constructor(
    protected readonly session: EngineSession,
    readonly kind: K,
    /** Other lists whose changes alter this view (image usage counts come from containers). */
    private readonly alsoDependsOn: ObjectKind[] = [],
  ) {
    this.unsubscribe = session.data.onChanged.on((changed) => {
      if (changed === kind || alsoDependsOn.includes(changed)) this.changeEmitter.fire(undefined);
    });
    this.stateSubscription = session.onDidChangeState(() => this.changeEmitter.fire(undefined));
  }

  protected abstract toNodes(list: EngineLists[K]): BerthNode[] | Promise<BerthNode[]>;

  getTreeItem(node: BerthNode): vscode.TreeItem {
    return node.item;
  }

  async getChildren(node?: BerthNode): Promise<BerthNode[]> {
    if (node) {
      try {
        return (await node.children?.()) ?? [];
      } catch {
        // The object went away between listing and expanding; the next event redraws the tree.
        return [];
      }
    }
    if (this.session.state.kind !== 'connected') return [];
    try {
      const list = await this.session.data.get(this.kind);
      for (const other of this.alsoDependsOn) await this.session.data.get(other);
      return await this.toNodes(list);
    } catch {
      // A failed list means the engine went away mid-request; the connection reports it and the view refills.
      return [];
    }
  }

  /** Reloads this view's lists; resolves once they are loaded. */
  refresh(): Promise<void> {
    return this.session.data.invalidate([this.kind, ...this.alsoDependsOn]);
  }

  /** Redraws one node (after it changed itself) or, without one, the whole view from the cached list. */
  redraw(node?: BerthNode): void {
    this.changeEmitter.fire(node);
  }

  dispose(): void {
    this.unsubscribe();
    this.stateSubscription.dispose();
    this.changeEmitter.dispose();
  }
}
