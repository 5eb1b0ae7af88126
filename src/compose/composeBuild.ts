import type Docker from 'dockerode';
import { readdirSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { abortError, engineActionError, EngineActionError } from '../engine/actionErrors';
import { ComposeBuild } from './composeModelTypes';

export interface BuildOptions {
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /** Each line of the build's output, as the engine streams it. */
  onOutput?(line: string): void;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Builds `tag` through the engine API from a tar of the build context; dockerode packs the context
 * and leaves out what its .dockerignore excludes. Rejects with the builder's own error message.
 */
export async function buildServiceImage(docker: Docker, build: ComposeBuild, tag: string, options: BuildOptions = {}): Promise<void> {
  if (options.signal?.aborted) throw abortError('The build was cancelled.');
  let entries: string[];
  try {
    entries = readdirSync(build.context);
  } catch (err) {
    throw new EngineActionError(`Cannot read the build context ${build.context}: ${(err as Error).message}`, undefined, { cause: err });
  }
  const buildargs = Object.keys(build.args).length > 0 ? JSON.stringify(build.args) : undefined;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(
      { context: build.context, src: entries },
      { t: tag, dockerfile: build.dockerfile, buildargs, labels: options.labels, rm: true, forcerm: true, abortSignal: options.signal } as Docker.ImageBuildOptions,
    );
  } catch (err) {
    throw engineActionError(err);
  }
  await new Promise<void>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let failure: string | undefined;
    const onAbort = (): void => {
      (stream as unknown as { destroy?(): void }).destroy?.();
      reject(abortError('The build was cancelled.'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const handle = (line: string): void => {
      if (!line.trim()) return;
      let event: BuildEvent;
      try {
        event = JSON.parse(line) as BuildEvent;
      } catch {
        return;
      }
      if (event.error !== undefined || event.errorDetail?.message !== undefined) failure ??= event.errorDetail?.message ?? event.error;
      if (event.stream) for (const text of event.stream.split('\n')) if (text.trim()) options.onOutput?.(text.trimEnd());
    };
    stream.on('data', (chunk: Buffer | string) => {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(handle);
    });
    stream.on('error', (err: Error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(engineActionError(err));
    });
    stream.on('end', () => {
      options.signal?.removeEventListener('abort', onAbort);
      handle(pending);
      if (failure !== undefined) reject(new EngineActionError(failure.trim()));
      else resolve();
    });
  });
}
