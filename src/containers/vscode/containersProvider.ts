import * as vscode from 'vscode';
import { groupByProject } from '../composeGroups';
import { containerDetails, type ContainerDetails } from '../containerDetails';
import type { ContainerInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ComposeProjectNode } from './composeProjectNode';
import { ContainerNode } from './containerNode';
import { isVolumeHelper } from '../../files/volumeHelpers';
import { compareNames } from '../../workbench/format';
import { ListProvider, type BerthNode } from '../../workbench/listProvider';

// Running first, then by name, the order people scan for.
function byStateThenName(a: ContainerInfo, b: ContainerInfo): number {
  const rank = (c: ContainerInfo): number => (c.state === 'running' ? 0 : c.state === 'paused' || c.state === 'restarting' ? 1 : 2);
  return rank(a) - rank(b) || compareNames(a.name, b.name);
}

export function showAllContainers(): boolean {
  return vscode.workspace.getConfiguration('berth').get<boolean>('containers.showAll', true);
}

/** Compose projects first (each a group), then standalone containers; all or running only. */
export class ContainersProvider extends ListProvider<'container'> {
  /** Whose logs are being followed (set by the wiring; redraw() after it changes). */
  isFollowing: (engine: EngineSession, kind: 'container' | 'project', key: string) => boolean = () => false;

  constructor(engines: EngineRegistry) {
    super(engines, 'container');
  }

  protected emptyText(): string {
    return showAllContainers() ? super.emptyText() : vscode.l10n.t('No running containers');
  }

  protected toNodes(list: ContainerInfo[], engine: EngineSession): BerthNode[] {
    const ours = list.filter((c) => !isVolumeHelper(c.labels));
    const shown = showAllContainers() ? ours : ours.filter((c) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused');
    const { projects, standalone } = groupByProject(shown);
    const load = (id: string): Promise<ContainerDetails> => loadDetails(engine, id);
    const groups = projects
      .sort((a, b) => compareNames(a.project, b.project))
      .map((group) => {
        const sorted = [...group.containers].sort(byStateThenName);
        const nodes = sorted.map((c) => new ContainerNode(c, load, serviceLabel(c), this.isFollowing(engine, 'container', c.id)));
        return new ComposeProjectNode(group.project, sorted, nodes, this.isFollowing(engine, 'project', group.project));
      });
    return [...groups, ...standalone.sort(byStateThenName).map((c) => new ContainerNode(c, load, c.name, this.isFollowing(engine, 'container', c.id)))];
  }

}

async function loadDetails(engine: EngineSession, id: string): Promise<ContainerDetails> {
  const docker = engine.client;
  if (!docker) throw new Error('Berth is not connected to a Docker engine.');
  return containerDetails(await docker.inspectContainer(id));
}

// "web-1" reads better than "shop-web-1" under the "shop" heading; replicas keep their number.
function serviceLabel(c: ContainerInfo): string {
  const number = c.labels['com.docker.compose.container-number'];
  if (!c.composeService) return c.name;
  const generated = [`${c.composeProject}-${c.composeService}-${number}`, `${c.composeProject}_${c.composeService}_${number}`];
  return generated.includes(c.name) ? `${c.composeService}-${number}` : c.name;
}
