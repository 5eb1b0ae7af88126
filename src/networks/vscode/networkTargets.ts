import type { NetworkInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import { NetworkNode } from './networkNode';
import { resolveTargets } from '../../workbench/targets';

export function networkTargets(engines: EngineRegistry, args: unknown[], title: string, filter?: (n: NetworkInfo) => boolean, many = true): Promise<NetworkInfo[]> {
  return resolveTargets(engines, 'network', args, (node) => (node instanceof NetworkNode ? node.network : undefined), {
    title,
    filter,
    many,
    label: (n) => n.name,
    description: (n) => `${n.driver} · ${n.scope}`,
  });
}

export const isUserNetwork = (n: NetworkInfo): boolean => !n.builtin;
