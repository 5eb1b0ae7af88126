import * as vscode from 'vscode';
import type { ImageInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import { ImageNode } from './imageNode';
import { shortId } from '../../workbench/format';
import { engineForCommand } from '../../workbench/targets';

/** An image as the user sees it: one row per tag, or the bare id for a dangling image. */
export interface ImageTarget {
  image: ImageInfo;
  tag?: string;
  label: string;
}

function fromNode(node: unknown): ImageTarget | undefined {
  if (!(node instanceof ImageNode)) return undefined;
  return { image: node.image, tag: node.tag, label: node.tag ?? shortId(node.image.id) };
}

export async function imageTargets(
  engines: EngineRegistry,
  args: unknown[],
  title: string,
  filter?: (t: ImageTarget) => boolean,
  many = true,
): Promise<ImageTarget[]> {
  const [clicked, selection] = args;
  const first = fromNode(clicked);
  if (first) {
    const selected = Array.isArray(selection) ? selection.map(fromNode).filter((t): t is ImageTarget => t !== undefined) : [];
    const all = selected.some((t) => t.image.id === first.image.id && t.tag === first.tag) ? selected : [first];
    return all.length === 1 ? all : all.filter((t) => !filter || filter(t));
  }
  const engine = await engineForCommand(engines, args, title);
  if (!engine) return [];
  const images = await engine.data.get('image');
  const rows: ImageTarget[] = images.flatMap((image) =>
    image.tags.length > 0 ? image.tags.map((tag) => ({ image, tag, label: tag })) : [{ image, label: `<none> ${shortId(image.id)}` }],
  );
  const candidates = rows.filter((t) => !filter || filter(t));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no image qualifies.', title));
    return [];
  }
  const items = candidates.map((t) => ({ label: t.label, description: shortId(t.image.id), target: t }));
  const shown = engines.qualify(title, engine);
  if (many) return ((await vscode.window.showQuickPick(items, { title: shown, canPickMany: true })) ?? []).map((i) => i.target);
  const chosen = await vscode.window.showQuickPick(items, { title: shown });
  return chosen ? [chosen.target] : [];
}
