import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import { inspectUri, INSPECT_SCHEME } from './inspectDocuments';
import type { CommandContext } from './commandContext';
import { containerTargets } from '../containers/vscode/containerTargets';
import { imageTargets } from '../images/vscode/imageTargets';
import { networkTargets } from '../networks/vscode/networkTargets';
import { volumeTargets } from '../volumes/vscode/volumeTargets';
import { engineOf } from './targets';

async function open(ctx: CommandContext, item: object, kind: ObjectKind, id: string, label: string): Promise<void> {
  const engine = engineOf(ctx.engines, item);
  // The tab title names the engine where several are open.
  const doc = await vscode.workspace.openTextDocument(inspectUri(engine.key, kind, id, ctx.engines.qualify(label, engine)));
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
}

export async function inspectContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  for (const c of await containerTargets(ctx.engines, args, vscode.l10n.t('Inspect Container'), undefined, false)) await open(ctx, c, 'container', c.id, c.name);
}

export async function inspectImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  for (const t of await imageTargets(ctx.engines, args, vscode.l10n.t('Inspect Image'), undefined, false)) await open(ctx, t.image, 'image', t.image.id, t.label);
}

export async function inspectVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  for (const v of await volumeTargets(ctx.engines, args, vscode.l10n.t('Inspect Volume'), undefined, false)) await open(ctx, v, 'volume', v.name, v.name);
}

export async function inspectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  for (const n of await networkTargets(ctx.engines, args, vscode.l10n.t('Inspect Network'), undefined, false)) await open(ctx, n, 'network', n.id, n.name);
}

/** Editor-title button on an inspect document: fetch it again from the engine. */
export function refreshInspect(ctx: CommandContext, uri?: unknown): void {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (target?.scheme === INSPECT_SCHEME) ctx.inspectDocuments.refresh(target);
}
