import type { VolumeInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import { VolumeNode } from './volumeNode';
import { resolveTargets } from '../../workbench/targets';

export function volumeTargets(engines: EngineRegistry, args: unknown[], title: string, filter?: (v: VolumeInfo) => boolean, many = true): Promise<VolumeInfo[]> {
  return resolveTargets(engines, 'volume', args, (node) => (node instanceof VolumeNode ? node.volume : undefined), {
    title,
    filter,
    many,
    label: (v) => v.name,
    description: (v) => v.driver,
  });
}
