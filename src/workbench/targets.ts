import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineLists } from '../engine/engineData';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import type { EngineSession } from '../engine/vscode/engineSession';
import { EngineGroupNode } from './engineGroupNode';

type Item<K extends ObjectKind> = EngineLists[K][number];

/**
 * What a command acts on: the right-clicked node plus the rest of a multi-selection, or, when run
 * from the palette, what the user picks from a quick pick of the objects that qualify (on the engine
 * the user picks first, when several are open).
 */
export async function resolveTargets<K extends ObjectKind>(
  engines: EngineRegistry,
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
  const engine = await engineForCommand(engines, args, pick.title);
  if (!engine) return [];
  const candidates = (await engine.data.get(kind)).filter((item) => !pick.filter || pick.filter(item));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing qualifies.', pick.title));
    return [];
  }
  const items = candidates.map((item) => ({ label: pick.label(item), description: pick.description?.(item), item }));
  const title = engines.qualify(pick.title, engine);
  if (pick.many) {
    const chosen = await vscode.window.showQuickPick(items, { title, canPickMany: true, matchOnDescription: true });
    return (chosen ?? []).map((c) => c.item);
  }
  const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return chosen ? [chosen.item] : [];
}

function sameObject(a: unknown, b: unknown): boolean {
  const key = (x: unknown): unknown => (x as { id?: string; name?: string }).id ?? (x as { name?: string }).name;
  return key(a) === key(b);
}

/**
 * The engine a command without an object acts on: the engine row it was run on, an `{ engine: key }`
 * argument, the only engine, or the one the user picks. Undefined when the user cancels.
 */
export async function engineForCommand(engines: EngineRegistry, args: unknown[], title: string): Promise<EngineSession | undefined> {
  for (const arg of args) {
    if (arg instanceof EngineGroupNode) return arg.engine;
    const key = (arg as { engine?: unknown } | null)?.engine;
    if (typeof arg === 'object' && arg !== null && typeof key === 'string') {
      const engine = engines.get(key);
      if (!engine) throw new Error(vscode.l10n.t('Berth is not connected to the engine "{0}".', key));
      return engine;
    }
  }
  return engines.pick(title);
}

/** The connected engine client of a session, or a clear error for the command wrapper to show. */
export function requireClient(session: EngineSession): NonNullable<EngineSession['client']> {
  const docker = session.client;
  if (!docker || session.state.kind !== 'connected') {
    throw new Error(session.isCurrent ? vscode.l10n.t('Berth is not connected to a Docker engine.') : vscode.l10n.t('Berth is not connected to the engine "{0}".', session.name));
  }
  return docker;
}

/** The engine a listed object came from; with one engine open, that engine. */
export function engineOf(engines: EngineRegistry, item: object): EngineSession {
  const engine = engines.engineOf(item);
  if (engine) return engine;
  if (engines.multiple) throw new Error(vscode.l10n.t('Berth cannot tell which engine this object is on; refresh the view and try again.'));
  return engines.current;
}

/** The engine client for an object a command acts on. */
export function clientFor(engines: EngineRegistry, item: object): NonNullable<EngineSession['client']> {
  return requireClient(engineOf(engines, item));
}
