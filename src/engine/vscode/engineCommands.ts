import * as vscode from 'vscode';
import type { CommandContext } from '../../workbench/commandContext';
import { EngineGroupNode } from '../../workbench/engineGroupNode';
import type { EngineEntry } from '../engineEntries';
import type { EngineNode } from './enginesProvider';
import type { EngineSession } from './engineSession';

// Connecting more engines beside the current one: from the Engines view's rows, an { engine: key }
// or { name } argument (tests, keybindings), or a pick.

function isEngineNode(value: unknown): value is EngineNode {
  return typeof value === 'object' && value !== null && 'entry' in value;
}

async function pickEntry(ctx: CommandContext, args: unknown[], title: string, filter: (entry: EngineEntry) => boolean): Promise<EngineEntry | undefined> {
  const [first] = args;
  if (isEngineNode(first)) return first.entry;
  const entries = (await ctx.engines.entries()).filter(filter);
  const wanted = first as { engine?: unknown; name?: unknown } | undefined;
  if (typeof wanted === 'object' && wanted !== null && (typeof wanted.engine === 'string' || typeof wanted.name === 'string')) {
    const found = entries.find((e) => e.key === wanted.engine || e.name === wanted.name);
    if (!found) throw new Error(vscode.l10n.t('Berth knows no engine "{0}" for this.', String(wanted.engine ?? wanted.name)));
    return found;
  }
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no engine qualifies. Add Docker contexts or berth.engines entries.', title));
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.name, description: entry.kind === 'current' ? '' : entry.host, entry })),
    { title, placeHolder: vscode.l10n.t('Docker engine') },
  );
  return chosen?.entry;
}

/** Connects an engine beside the current one; the workspace remembers it. */
export async function connectEngine(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const entry = await pickEntry(ctx, args, vscode.l10n.t('Connect Engine'), (e) => e.kind !== 'current' && !e.sameAsCurrent && !ctx.engines.get(e.key));
  if (!entry) return;
  if (entry.kind === 'current' || ctx.engines.get(entry.key)) return;
  if (entry.sameAsCurrent) throw new Error(vscode.l10n.t('{0} is the engine Berth already uses.', entry.name));
  await ctx.engines.connect(entry);
}

export async function disconnectEngine(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [first] = args;
  const given = (first as { engine?: unknown } | undefined)?.engine;
  const key = first instanceof EngineGroupNode ? first.engine.key : typeof given === 'string' ? given : undefined;
  const entry = key ? undefined : await pickEntry(ctx, args, vscode.l10n.t('Disconnect Engine'), (e) => e.kind !== 'current' && ctx.engines.get(e.key) !== undefined);
  const target = key ?? entry?.key;
  if (!target) return;
  if (target === 'current') throw new Error(vscode.l10n.t('Berth always stays connected to the current engine; change berth.dockerHost or the Docker context to use another.'));
  await ctx.engines.disconnect(target);
}

/** Retry now instead of waiting for the back-off: the clicked engine, or the current one. */
export async function retryConnection(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [first] = args;
  let engine: EngineSession | undefined;
  if (first instanceof EngineGroupNode) engine = first.engine;
  else if (isEngineNode(first)) engine = ctx.engines.get(first.entry.key);
  else if (typeof (first as { engine?: unknown } | undefined)?.engine === 'string') engine = ctx.engines.get((first as { engine: string }).engine);
  await (engine ?? ctx.engines.current).retryNow();
}
