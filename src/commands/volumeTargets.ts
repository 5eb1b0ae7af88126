import type { VolumeInfo } from '../docker/listings';
import type { EngineSession } from '../engineSession';
import { VolumeNode } from '../providers/volumeNode';
import { resolveTargets } from './targets';

export function volumeTargets(session: EngineSession, args: unknown[], title: string, filter?: (v: VolumeInfo) => boolean, many = true): Promise<VolumeInfo[]> {
  return resolveTargets(session, 'volume', args, (node) => (node instanceof VolumeNode ? node.volume : undefined), {
    title,
    filter,
    many,
    label: (v) => v.name,
    description: (v) => v.driver,
  });
}
