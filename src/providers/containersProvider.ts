import type { ContainerInfo } from '../docker/listings';
import type { EngineSession } from '../engineSession';
import { ContainerNode } from './containerNode';
import { ListProvider, type BerthNode } from './listProvider';

// Running first, then by name, the order people scan for.
function byStateThenName(a: ContainerInfo, b: ContainerInfo): number {
  const rank = (c: ContainerInfo): number => (c.state === 'running' ? 0 : c.state === 'paused' || c.state === 'restarting' ? 1 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

export class ContainersProvider extends ListProvider<'container'> {
  constructor(session: EngineSession) {
    super(session, 'container');
  }

  protected toNodes(list: ContainerInfo[]): BerthNode[] {
    return [...list].sort(byStateThenName).map((c) => new ContainerNode(c));
  }
}
