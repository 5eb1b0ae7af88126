import type { EngineClient } from '../engine/engineClient';
import { abortError, engineActionError, EngineActionError } from '../engine/actionErrors';
import { repositoryName, type ImageReference } from './imageReference';
import { LineSplitter, parseJsonLine } from '../engine/lineSplitter';
import { PullProgress, type PullEvent, type PullStatus } from './pullProgress';
import type { RegistryAuth } from '../registry/registryAuth';

export interface PullOptions {
  auth?: RegistryAuth;
  onProgress?(s: PullStatus): void;
  signal?: AbortSignal;
  /** `os/arch[/variant]` to pull for, as compose's `platform:` asks; the engine's own when absent. */
  platform?: string;
}

/**
 * Pulls one image, reporting aggregated progress. Rejects with the engine's message (also when the
 * failure arrives inside the progress stream), or with an Error named 'AbortError' when cancelled;
 * cancelling closes the request, which makes the engine stop the pull.
 */
export function pullImage(client: EngineClient, ref: ImageReference, options: PullOptions): Promise<void> {
  const { auth, onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError('The pull was cancelled.'));

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let stream: NodeJS.ReadableStream | undefined;
    const progress = new PullProgress();

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
      finish(abortError('The pull was cancelled.'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    const handleLine = (line: string): void => {
      if (settled) return;
      // A line that is not JSON carries no progress; the engine reports failures as JSON.
      const event = parseJsonLine<PullEvent>(line);
      if (!event) return;
      const status = progress.push(event);
      if (status.error !== undefined) {
        destroy();
        finish(new EngineActionError(status.error));
        return;
      }
      onProgress?.(status);
    };

    const query = { fromImage: repositoryName(ref), tag: ref.digest ?? ref.tag ?? 'latest', platform: options.platform || undefined };
    const request = client.pullImage(query, auth, signal);
    request.then(
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
        response.on('error', (err: unknown) => finish(signal?.aborted ? abortError('The pull was cancelled.') : engineActionError(err)));
        // A connection that drops without 'end' must not leave the pull pending, nor pass for success.
        response.on('close', () => {
          if (ended) return;
          finish(signal?.aborted ? abortError('The pull was cancelled.') : new EngineActionError('The engine closed the connection before the pull finished.'));
        });
      },
      (err: unknown) => finish(signal?.aborted ? abortError('The pull was cancelled.') : engineActionError(err)),
    );
  });
}
