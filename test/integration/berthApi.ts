import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { requireEngine } from '../support/engineHarness';

// Helpers over the API the extension returns from activate() (ext.exports). The type comes from
// src/ so the tests break at compile time when the contract changes.

export type BerthView = Parameters<BerthApi['viewItems']>[0];

export const EXTENSION_ID = 'berth.berth';

/** Generous for a loaded 2-core machine; a reachable engine answers in milliseconds. */
export const CONNECT_TIMEOUT_MS = 15_000;

/** Containers reach the view through the event stream within a second; this bounds the wait on a loaded 2-core machine. */
export const VIEW_UPDATE_TIMEOUT_MS = 15_000;

export function berthExtension(): vscode.Extension<BerthApi> {
  const ext = vscode.extensions.getExtension<BerthApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

export async function activateBerth(): Promise<BerthApi> {
  const api = await berthExtension().activate();
  for (const member of ['whenConnected', 'viewItems', 'endpoint'] as const) {
    if (typeof api?.[member] !== 'function') {
      throw new Error(`${EXTENSION_ID} exports no BerthApi: ${member}() is missing`);
    }
  }
  return api;
}

export function itemLabel(item: vscode.TreeItem): string {
  const label = item.label;
  if (label === undefined) return '';
  return typeof label === 'string' ? label : label.label;
}

/** Label and description together: where a view puts the name is a presentation choice. */
export function itemText(item: vscode.TreeItem): string {
  const description = typeof item.description === 'string' ? item.description : '';
  return `${itemLabel(item)} ${description}`.trim();
}

/** Polls a view until predicate holds; fails listing what the view showed last. */
export async function waitForView(
  api: BerthApi,
  view: BerthView,
  predicate: (items: vscode.TreeItem[]) => boolean,
  what: string,
  timeoutMs: number = VIEW_UPDATE_TIMEOUT_MS,
): Promise<vscode.TreeItem[]> {
  const deadline = Date.now() + timeoutMs;
  let items = await api.viewItems(view);
  while (!predicate(items)) {
    if (Date.now() > deadline) {
      const shown = items.map((i) => `"${itemText(i)}"`).join(', ') || 'nothing';
      throw new Error(`${view} view never showed ${what} within ${timeoutMs / 1000}s; it shows ${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    items = await api.viewItems(view);
  }
  return items;
}

/** For a suite's before(): the test engine's client, and Berth connected to that engine. */
export async function connectedBerth(): Promise<{ docker: Docker; api: BerthApi }> {
  const docker = await requireEngine();
  const api = await activateBerth();
  await api.whenConnected(CONNECT_TIMEOUT_MS);
  return { docker, api };
}
