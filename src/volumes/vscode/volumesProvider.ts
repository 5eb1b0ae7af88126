import { compareNames } from '../../workbench/format';
import type { VolumeInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ListProvider, type BerthNode } from '../../workbench/listProvider';
import { VolumeNode } from './volumeNode';
import { isVolumeHelper } from '../../files/volumeHelpers';

export class VolumesProvider extends ListProvider<'volume'> {
  constructor(engines: EngineRegistry) {
    super(engines, 'volume', ['container']);
  }

  protected toNodes(list: VolumeInfo[], engine: EngineSession): BerthNode[] {
    const users = new Map<string, string[]>();
    for (const c of (engine.data.peek('container') ?? []).filter((c) => !isVolumeHelper(c.labels))) {
      for (const name of c.volumeNames) users.set(name, [...(users.get(name) ?? []), c.name]);
    }
    return [...list].sort((a, b) => compareNames(a.name, b.name)).map((v) => new VolumeNode(v, users.get(v.name) ?? []));
  }
}
