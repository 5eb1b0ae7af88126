// The history worker: owns the sql.js database, so inserts, queries, exports and the occasional
// rewrite of the whole file run off the extension host's event loop. One per window; loaded by
// metricsHistory.ts from this file's compiled path (dist/metricsWorker.js, or out/ under tests).
import { writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { HistoryDatabase } from './historyDatabase';
import type { HistoryMethod, HistoryRequest, HistoryWorkerData, HistoryWorkerMessage } from './historyProtocol';

const data = workerData as HistoryWorkerData;
const port = parentPort;

function post(message: HistoryWorkerMessage): void {
  port?.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  if (!port) return;
  let database: HistoryDatabase;
  try {
    const opened = await HistoryDatabase.open(data.filePath, data.wasmPath, data.mode, {
      compactEveryMs: data.compactEveryMs,
      compactAtJournalBytes: data.compactAtJournalBytes,
    });
    database = opened.database;
    const result = { ...opened };
    delete (result as { database?: unknown }).database;
    post({ type: 'opened', result });
  } catch (error) {
    post({ type: 'openFailed', error: describe(error) });
    return;
  }

  // One thing at a time: a compaction must not interleave with an insert, or lines appended while
  // the file was being written would be dropped with the old journal.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const handlers: Record<HistoryMethod, (...args: never[]) => unknown> = {
    setMode: (mode: 'reader' | 'writer') => database.setMode(mode),
    insert: (engineId: string, samples: Parameters<HistoryDatabase['insert']>[1]) => database.insert(engineId, samples),
    query: (containerId: string, fromMs: number, toMs: number, engineId: string) => database.store.query(containerId, fromMs, toMs, engineId),
    latest: (engineId?: string) => database.store.latest(engineId),
    containers: (engineId?: string) => database.store.containers(engineId),
    exportCsv: async (containerId: string | undefined, engineId: string | undefined, targetPath: string) => {
      const csv = database.store.exportCsv(containerId, engineId);
      await writeFile(targetPath, csv, 'utf8');
      return Buffer.byteLength(csv);
    },
    clear: () => database.clear(),
    retention: (nowMs: number, rawHours: number, days: number) => database.retention(nowMs, rawHours, days),
    compact: () => database.compact(),
    refresh: async () => reportChanges(await database.poll()),
    close: async () => {
      clearInterval(timer);
      database.close();
    },
  };

  function reportChanges(changes: Awaited<ReturnType<HistoryDatabase['poll']>>): void {
    if (changes.samples.length > 0 || changes.cleared || changes.reloaded) post({ type: 'changes', changes });
  }

  port.on('message', (request: HistoryRequest) => {
    const handler = handlers[request.method] as (...args: unknown[]) => unknown;
    void enqueue(() => handler(...request.args)).then(
      (result) => post({ type: 'response', id: request.id, ok: true, result }),
      (error: unknown) => post({ type: 'response', id: request.id, ok: false, error: describe(error) }),
    );
  });

  // Readers follow the files; the writer compacts when due. Both go through the queue.
  const timer = setInterval(() => {
    void enqueue(async () => {
      if (database.mode === 'reader') reportChanges(await database.poll());
      else await database.compactIfDue();
    }).catch((error: unknown) => post({ type: 'log', message: `Stats: metrics history: ${describe(error)}` }));
  }, data.pollMs);
}

void main();
