import type { VolumeInfo } from '../../engine/listings';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { VolumeNode } from './volumeNode';
import { resolveTargets } from '../../workbench/targets';

export function volumeTargets(session: EngineSession, args: unknown[], title: string, filter?: (v: VolumeInfo) => boolean, many = true): Promise<VolumeInfo[]> {
  return resolveTargets(session, 'volume', args, (node) => (node instanceof VolumeNode ? node.volume : undefined), {
    title,
    filter,
    many,
    label: (v) => v.name,
    description: (v) => v.driver,
  });
}
