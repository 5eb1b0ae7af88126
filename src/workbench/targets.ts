import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineLists } from '../engine/engineData';
import type { EngineSession } from '../engine/vscode/engineSession';

type Item<K extends ObjectKind> = EngineLists[K][number];

/**
 * What a command acts on: the right-clicked node plus the rest of a multi-selection, or, when run
 * from the palette, what the user picks from a quick pick of the objects that qualify.
 */
export async function resolveTargets<K extends ObjectKind>(
  session: EngineSession,
  kind: K,
  args: unknown[],
  fromNode: (node: unknown) => Item<K> | undefined,
  pick: { title: string; filter?: (item: Item<K>) => boolean; label: (item: Item<K>) => string; description?: (item: Item<K>) => string; many?: boolean },
): Promise<Item<K>[]> {
  const [clicked, selection] = args;
  const selected = Array.isArray(selection) ? selection.map(fromNode).filter((x): x is Item<K> => x !== undefined) : [];
  const first = fromNode(clicked);
  if (first) {
    // VS Code passes the clicked node and the whole selection; the clicked node may be outside it.
    const all = selected.some((s) => sameObject(s, first)) ? selected : [first];
    // The menu already showed the command for this node's state; a lone node goes to the engine
    // as is (a stale state must not turn a click into nothing). A mixed selection is filtered.
    return all.length === 1 ? all : all.filter((item) => !pick.filter || pick.filter(item));
  }
  if (session.state.kind !== 'connected') throw new Error(vscode.l10n.t('Berth is not connected to a Docker engine.'));
  const candidates = (await session.data.get(kind)).filter((item) => !pick.filter || pick.filter(item));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing qualifies.', pick.title));
    return [];
  }
  const items = candidates.map((item) => ({ label: pick.label(item), description: pick.description?.(item), item }));
  if (pick.many) {
    const chosen = await vscode.window.showQuickPick(items, { title: pick.title, canPickMany: true, matchOnDescription: true });
    return (chosen ?? []).map((c) => c.item);
  }
  const chosen = await vscode.window.showQuickPick(items, { title: pick.title, matchOnDescription: true });
  return chosen ? [chosen.item] : [];
}

function sameObject(a: unknown, b: unknown): boolean {
  const key = (x: unknown): unknown => (x as { id?: string; name?: string }).id ?? (x as { name?: string }).name;
  return key(a) === key(b);
}

/** The connected engine client, or a clear error for the command wrapper to show. */
export function requireClient(session: EngineSession): NonNullable<EngineSession['client']> {
  const client = session.client;
  if (!client || session.state.kind !== 'connected') throw new Error(vscode.l10n.t('Berth is not connected to a Docker engine.'));
  return client;
}
