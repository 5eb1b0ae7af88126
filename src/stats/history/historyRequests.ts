import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicFile';

// Windows that do not record never write the history; they ask the recording window to. A request
// is a small file in `<history>.requests/`: the recorder executes it and deletes it, and the asking
// window waits for it to go. A request nobody has executed yet (the recorder is just changing
// hands) stays on disk and is executed by the next recorder, so a Clear is never lost.

export type HistoryRequestKind = 'clear';

export interface PendingRequest {
  path: string;
  kind: HistoryRequestKind;
  at: number;
}

export function requestsDirFor(historyPath: string): string {
  return `${historyPath}.requests`;
}

export async function postRequest(historyPath: string, kind: HistoryRequestKind, at: number = Date.now()): Promise<string> {
  const file = path.join(requestsDirFor(historyPath), `${kind}-${at}-${randomBytes(4).toString('hex')}.json`);
  await writeFileAtomic(file, Buffer.from(JSON.stringify({ kind, at, pid: process.pid })));
  return file;
}

/** Requests waiting, oldest first. */
export async function pendingRequests(historyPath: string): Promise<PendingRequest[]> {
  let names: string[];
  try {
    names = await fs.readdir(requestsDirFor(historyPath));
  } catch {
    return [];
  }
  const out: PendingRequest[] = [];
  for (const name of names) {
    const match = /^(clear)-(\d+)-[0-9a-f]+\.json$/.exec(name);
    if (match) out.push({ path: path.join(requestsDirFor(historyPath), name), kind: match[1] as HistoryRequestKind, at: Number(match[2]) });
  }
  return out.sort((a, b) => a.at - b.at);
}

export async function completeRequest(request: PendingRequest): Promise<void> {
  await fs.rm(request.path, { force: true });
}

/** True once the recorder has executed the request; false if it is still waiting after timeoutMs. */
export async function waitForRequest(file: string, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fs.access(file);
    } catch {
      return true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
