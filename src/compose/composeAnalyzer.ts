import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ComposeAnalysis, ComposeAnalysisRequest, WorkerReply } from './composeAnalysisTypes';
import { ComposeDiagnostic } from './composeDiagnostics';

interface Job {
  request: ComposeAnalysisRequest;
  /** Everyone waiting for this project's next result. */
  waiting: ((analysis: ComposeAnalysis) => void)[];
}

/** The worker's heap limit: a hostile file exhausts the worker, which is replaced, not the host. */
const WORKER_HEAP_MB = 1024;

/**
 * Runs compose analyses in a worker thread, one at a time, so no compose file can block the thread
 * that calls it. An analysis that takes longer than `timeoutMs` (or crashes the worker) ends in a
 * diagnostic; the worker is terminated and a fresh one takes the next request.
 */
export class ComposeAnalyzer {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; id: number; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly workerFile: string,
    private readonly timeoutMs = 15_000,
  ) {}

  /**
   * Queues a check. A queued (not yet started) check of the same project is replaced by this newer
   * one, and both callers get its result: typing in a slow file does not pile up stale checks.
   */
  analyze(request: ComposeAnalysisRequest): Promise<ComposeAnalysis> {
    if (this.disposed) return Promise.resolve(failure(request, 'internal', 'Compose checking has stopped.'));
    return new Promise((resolve) => {
      const key = request.options.files.join('\u0000');
      const queued = this.queue.find((job) => job.request.options.files.join('\u0000') === key);
      if (queued) {
        queued.request = request;
        queued.waiting.push(resolve);
      } else this.queue.push({ request, waiting: [resolve] });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.current) {
      clearTimeout(this.current.timer);
      settle(this.current.job, failure(this.current.job.request, 'internal', 'Compose checking has stopped.'));
      this.current = undefined;
    }
    for (const job of this.queue.splice(0)) settle(job, failure(job.request, 'internal', 'Compose checking has stopped.'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      const seconds = Math.round(this.timeoutMs / 1000);
      this.finish(id, failure(job.request, 'analysis-timeout', `Checking this compose file took longer than ${seconds} s, so Berth stopped; it may be too large or too deeply nested.`), true);
    }, this.timeoutMs);
    this.current = { job, id, timer };
    try {
      this.ensureWorker().postMessage({ id, request: job.request });
    } catch (error) {
      this.finish(id, failure(job.request, 'internal', `Berth could not start checking this file: ${error instanceof Error ? error.message : String(error)}`), true);
    }
  }

  private finish(id: number, analysis: ComposeAnalysis, restart: boolean): void {
    if (!this.current || this.current.id !== id) return;
    clearTimeout(this.current.timer);
    const { job } = this.current;
    this.current = undefined;
    if (restart) {
      void this.worker?.terminate();
      this.worker = undefined;
    }
    settle(job, analysis);
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on('message', (reply: WorkerReply) => {
      if ('analysis' in reply) this.finish(reply.id, reply.analysis, false);
      else if (this.current) this.finish(reply.id, failure(this.current.job.request, 'internal', `Berth could not check this file: ${reply.error}`), false);
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.current) this.finish(this.current.id, failure(this.current.job.request, 'internal', `Berth could not check this file: ${reason}`), false);
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the checker stopped (exit code ${code})`));
    // The worker must never keep the host process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

function settle(job: Job, analysis: ComposeAnalysis): void {
  for (const resolve of job.waiting) resolve(analysis);
}

function failure(request: ComposeAnalysisRequest, code: string, message: string): ComposeAnalysis {
  const file = request.options.files[0];
  const position = { line: 0, character: 0 };
  const diagnostic: ComposeDiagnostic = { severity: 'error', code, message, range: { start: position, end: position }, offset: { start: 0, end: 0 }, file };
  return {
    project: { name: '', workingDir: path.dirname(file), configFiles: request.options.files, services: {}, inactiveServices: [], networks: {}, volumes: {} },
    diagnostics: [diagnostic],
    serviceOffsets: {},
  };
}
