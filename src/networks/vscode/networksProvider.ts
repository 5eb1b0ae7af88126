import type { NetworkInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { compareNames } from '../../workbench/format';
import { ListProvider, type BerthNode } from '../../workbench/listProvider';
import { NetworkNode } from './networkNode';

export class NetworksProvider extends ListProvider<'network'> {
  constructor(engines: EngineRegistry) {
    super(engines, 'network', ['container']);
  }

  protected toNodes(list: NetworkInfo[], engine: EngineSession): BerthNode[] {
    const attached = new Map<string, string[]>();
    for (const c of engine.data.peek('container') ?? []) {
      for (const id of c.networkIds) attached.set(id, [...(attached.get(id) ?? []), c.name]);
    }
    // User networks first: the built-in three rarely need attention.
    return [...list]
      .sort((a, b) => Number(a.builtin) - Number(b.builtin) || compareNames(a.name, b.name))
      .map((n) => new NetworkNode(n, attached.get(n.id) ?? []));
  }
}
