import type * as vscode from 'vscode';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import type { EnginesProvider } from '../engine/vscode/enginesProvider';
import type { BerthNode } from './listProvider';
import type { BerthViews, ViewName } from './views';

export interface ViewEntry {
  /** The node as VS Code passes it to commands. */
  node: unknown;
  item: vscode.TreeItem;
}

/** What activate() returns: used by the integration tests and by other extensions. */
export interface BerthApi {
  /** Resolves once the engine answered (or rejects after timeoutMs with the connection error). */
  whenConnected(timeoutMs?: number): Promise<void>;
  /** The top-level tree items a view shows now, as VS Code renders them. */
  viewItems(view: ViewName): Promise<vscode.TreeItem[]>;
  /** A view's nodes (top level, or the children of `parent`), to pass to Berth's commands. */
  viewNodes(view: ViewName, parent?: unknown): Promise<ViewEntry[]>;
  /** A node's tree item as VS Code has it on hover (resolveTreeItem: the tooltip of a file is made then). */
  resolveItem(view: ViewName, node: unknown): vscode.TreeItem;
  /** The resolved endpoint, for display. */
  endpoint(): string;
  /** connecting, connected or unreachable. */
  connectionState(): string;
  /** Why the engine is unreachable (the welcome content shown), e.g. socketMissing; undefined otherwise. */
  connectionProblem(): string | undefined;
  /** The Engines view's rows: the engine in use, then the other engines Berth knows. */
  engineItems(): Promise<vscode.TreeItem[]>;
  /** The engines Berth is connected to now (keys and names), the current one first. */
  connectedEngines(): { key: string; name: string; state: string }[];
  /** Resolves once the engine with this key answered. */
  whenEngineConnected(key: string, timeoutMs?: number): Promise<void>;
  /** Fires when a view's tree data changes (the tree then asks for its nodes again). */
  onDidChangeView(view: ViewName): vscode.Event<unknown>;
}

export function createApi(engines: EngineRegistry, views: BerthViews, enginesView: EnginesProvider): BerthApi {
  const session = engines.current;
  const nodes = async (view: ViewName, parent?: unknown): Promise<ViewEntry[]> => {
    const provider = views[view].provider;
    const children = await provider.getChildren(parent as BerthNode | undefined);
    return children.map((node) => ({ node, item: provider.getTreeItem(node) }));
  };
  return {
    whenConnected: (timeoutMs) => session.whenConnected(timeoutMs),
    viewItems: async (view) => (await nodes(view)).map((entry) => entry.item),
    viewNodes: nodes,
    resolveItem: (view, node) => {
      const provider = views[view].provider;
      return provider.resolveTreeItem(provider.getTreeItem(node as BerthNode), node as BerthNode);
    },
    endpoint: () => session.endpoint?.host ?? '',
    connectionState: () => session.state.kind,
    connectionProblem: () => (session.state.kind === 'unreachable' ? session.state.problem : undefined),
    engineItems: async () => (await enginesView.getChildren()).map((node) => enginesView.getTreeItem(node)),
    connectedEngines: () => engines.all().map((e) => ({ key: e.key, name: e.name, state: e.state.kind })),
    whenEngineConnected: (key, timeoutMs) => {
      const engine = engines.get(key);
      return engine ? engine.whenConnected(timeoutMs) : Promise.reject(new Error(`not connected to ${key}`));
    },
    onDidChangeView: (view) => views[view].provider.onDidChangeTreeData,
  };
}
