import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type * as vscode from 'vscode';

// What the extension-host benchmarks (hostBench.ts, enginesHostBench.ts) share.

export const now = (): number => performance.now();

export function itemLabel(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Raw `start` events by container id, with their arrival time (performance.now()), from a stream of the benchmark's own. */
export async function rawStartEvents(docker: Docker): Promise<{ arrivals: Map<string, number>; close(): void }> {
  const stream = (await docker.getEvents({ filters: JSON.stringify({ type: ['container'], event: ['start'] }) })) as unknown as Readable;
  const arrivals = new Map<string, number>();
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const at = now();
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const id = (JSON.parse(line) as { id?: string }).id;
      if (id) arrivals.set(id, at);
    }
  });
  return { arrivals, close: () => stream.destroy() };
}
