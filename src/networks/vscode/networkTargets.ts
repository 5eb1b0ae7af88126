import type { NetworkInfo } from '../../engine/listings';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { NetworkNode } from './networkNode';
import { resolveTargets } from '../../workbench/targets';

export function networkTargets(session: EngineSession, args: unknown[], title: string, filter?: (n: NetworkInfo) => boolean, many = true): Promise<NetworkInfo[]> {
  return resolveTargets(session, 'network', args, (node) => (node instanceof NetworkNode ? node.network : undefined), {
    title,
    filter,
    many,
    label: (n) => n.name,
    description: (n) => `${n.driver} · ${n.scope}`,
  });
}

export const isUserNetwork = (n: NetworkInfo): boolean => !n.builtin;
