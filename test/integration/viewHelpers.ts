import type * as vscode from 'vscode';
import type { BerthApi, ViewEntry } from '../../src/workbench/api';
import { itemLabel, VIEW_UPDATE_TIMEOUT_MS, type BerthView } from './berthApi';

/** Polls until a view has an entry (searching one level into groups) that satisfies `match`. */
export async function waitForEntry(
  api: BerthApi,
  view: BerthView,
  match: (item: vscode.TreeItem) => boolean,
  what: string,
  timeoutMs = VIEW_UPDATE_TIMEOUT_MS,
): Promise<ViewEntry> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[];
  for (;;) {
    const top = await api.viewNodes(view);
    // Label, description and context value: a wait for a state change must show the state it saw.
    seen = top.map((e) => `${itemLabel(e.item)} [${String(e.item.description ?? '')} · ${e.item.contextValue ?? ''}]`);
    const found = top.find((e) => match(e.item));
    if (found) return found;
    for (const group of top.filter((e) => e.item.contextValue?.startsWith('composeProject'))) {
      const child = (await api.viewNodes(view, group.node)).find((e) => match(e.item));
      if (child) return child;
    }
    if (Date.now() > deadline) throw new Error(`${view} view never showed ${what}; it shows ${seen.join(', ') || 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until no entry at the top level of a view satisfies `match`. */
export async function waitForNoEntry(api: BerthApi, view: BerthView, match: (item: vscode.TreeItem) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + VIEW_UPDATE_TIMEOUT_MS;
  while ((await api.viewNodes(view)).some((e) => match(e.item))) {
    if (Date.now() > deadline) throw new Error(`${view} view still shows ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const labelIs =
  (label: string) =>
  (item: vscode.TreeItem): boolean =>
    itemLabel(item) === label;

export const labelAndContext =
  (label: string, contextValue: string) =>
  (item: vscode.TreeItem): boolean =>
    itemLabel(item) === label && item.contextValue === contextValue;
