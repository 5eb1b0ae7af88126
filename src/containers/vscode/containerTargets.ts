import type { ContainerInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import { ContainerNode } from './containerNode';
import { resolveTargets } from '../../workbench/targets';

export function containerFromNode(node: unknown): ContainerInfo | undefined {
  return node instanceof ContainerNode ? node.container : undefined;
}

/** The containers a command acts on; from the palette, a pick among those that qualify. */
export function containerTargets(
  engines: EngineRegistry,
  args: unknown[],
  title: string,
  filter?: (c: ContainerInfo) => boolean,
  many = true,
): Promise<ContainerInfo[]> {
  return resolveTargets(engines, 'container', args, containerFromNode, {
    title,
    filter,
    many,
    label: (c) => c.name,
    description: (c) => `${c.image} · ${c.status}`,
  });
}

export const CONTAINERS_VIEW = 'berth.containers';
export const isRunning = (c: ContainerInfo): boolean => c.state === 'running';
