import { abortError, engineActionError, EngineActionError } from '../engine/actionErrors';
import { LineSplitter, parseJsonLine } from '../engine/lineSplitter';
import type { PullEvent, PullProgress, PullStatus } from './pullProgress';

export interface FollowOptions {
  onProgress?(s: PullStatus): void;
  signal?: AbortSignal;
  /** "pull" / "push": the word in the cancelled and dropped-connection messages. */
  action: string;
  /** Every JSON line, for callers that want more than the aggregate (a push's final digest). */
  onEvent?(event: PullEvent & Record<string, unknown>): void;
}

/**
 * Follows an engine progress stream (pull, push) to its end, folding it into `progress`. Rejects with
 * the engine's message (also when the failure arrives inside the stream), or with an Error named
 * 'AbortError' when cancelled; cancelling closes the request, which makes the engine stop.
 */
export function followProgress(request: () => Promise<NodeJS.ReadableStream>, progress: PullProgress, options: FollowOptions): Promise<void> {
  const { onProgress, signal, action } = options;
  const cancelled = (): Error => abortError(`The ${action} was cancelled.`);
  if (signal?.aborted) return Promise.reject(cancelled());

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let stream: NodeJS.ReadableStream | undefined;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const destroy = (): void => {
      (stream as unknown as { destroy?(): void } | undefined)?.destroy?.();
    };
    function onAbort(): void {
      destroy();
      finish(cancelled());
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    const handleLine = (line: string): void => {
      if (settled) return;
      // A line that is not JSON carries no progress; the engine reports failures as JSON.
      const event = parseJsonLine<PullEvent & Record<string, unknown>>(line);
      if (!event) return;
      options.onEvent?.(event);
      const status = progress.push(event);
      if (status.error !== undefined) {
        destroy();
        finish(new EngineActionError(status.error));
        return;
      }
      onProgress?.(status);
    };

    request().then(
      (response) => {
        stream = response;
        if (settled) {
          destroy();
          return;
        }
        const lines = new LineSplitter();
        response.on('data', (chunk: Buffer | string) => lines.push(chunk).forEach(handleLine));
        let ended = false;
        response.on('end', () => {
          ended = true;
          lines.end().forEach(handleLine);
          finish();
        });
        response.on('error', (err: unknown) => finish(signal?.aborted ? cancelled() : engineActionError(err)));
        // A connection that drops without 'end' must not leave the operation pending, nor pass for success.
        response.on('close', () => {
          if (ended) return;
          finish(signal?.aborted ? cancelled() : new EngineActionError(`The engine closed the connection before the ${action} finished.`));
        });
      },
      (err: unknown) => finish(signal?.aborted ? cancelled() : engineActionError(err)),
    );
  });
}
