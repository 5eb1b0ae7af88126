import type { ImageInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ImageNode } from './imageNode';
import { imageDetailNodes } from './imageDetailsTree';
import { loadImageDetails } from '../imageDetails';
import { compareNames } from '../../workbench/format';
import { isVolumeHelper } from '../../files/volumeHelpers';
import { ListProvider, type BerthNode } from '../../workbench/listProvider';

export class ImagesProvider extends ListProvider<'image'> {
  constructor(engines: EngineRegistry) {
    super(engines, 'image', ['container']);
  }

  /** An image's sections when expanded: its inspect and history then, the containers from the list the view keeps. */
  private readonly details = async (engine: EngineSession, image: ImageInfo, scope: string): Promise<BerthNode[]> => {
    const client = engine.client;
    if (!client) return [];
    const users = (engine.data.peek('container') ?? []).filter((c) => c.imageId === image.id);
    return imageDetailNodes(await loadImageDetails(client, image.id), users, scope);
  };

  protected toNodes(list: ImageInfo[], engine: EngineSession): BerthNode[] {
    const usage = new Map<string, number>();
    for (const c of engine.data.peek('container') ?? []) usage.set(c.imageId, (usage.get(c.imageId) ?? 0) + 1);
    const nodes: ImageNode[] = [];
    const details = (image: ImageInfo, scope: string): Promise<BerthNode[]> => this.details(engine, image, scope);
    // The empty image the volume file helpers are made from is Berth's own, as the helpers are.
    for (const image of list.filter((i) => !isVolumeHelper(i.labels))) {
      const used = usage.get(image.id) ?? 0;
      if (image.tags.length === 0) nodes.push(new ImageNode(image, undefined, used, details));
      for (const tag of image.tags) nodes.push(new ImageNode(image, tag, used, details));
    }
    // Tagged images by name; dangling ones last, where prune finds them.
    return nodes.sort((a, b) => Number(a.image.dangling) - Number(b.image.dangling) || compareNames(String(a.item.label), String(b.item.label)));
  }
}
