import type * as vscode from 'vscode';
import type { EngineSession } from './engineSession';
import type { BerthViews, ViewName } from './providers/views';

/** What activate() returns: used by the integration tests and by other extensions. */
export interface BerthApi {
  /** Resolves once the engine answered (or rejects after timeoutMs with the connection error). */
  whenConnected(timeoutMs?: number): Promise<void>;
  /** The top-level tree items a view shows now, as VS Code renders them. */
  viewItems(view: ViewName): Promise<vscode.TreeItem[]>;
  /** The resolved endpoint, for display. */
  endpoint(): string;
}

export function createApi(session: EngineSession, views: BerthViews): BerthApi {
  return {
    whenConnected: (timeoutMs) => session.whenConnected(timeoutMs),
    async viewItems(view) {
      const provider = views[view].provider;
      const nodes = await provider.getChildren();
      return nodes.map((node) => provider.getTreeItem(node));
    },
    endpoint: () => session.endpoint?.host ?? '',
  };
}
