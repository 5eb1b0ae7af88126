import type { EngineClient } from '../engine/engineClient';
import type { BuildOptions } from '../engine/engineTypes';
import { abortError, engineActionError } from '../engine/actionErrors';
import { cleanLogText } from '../logs/logAnsi';
import { BuildContext, createBuildContext } from './buildContext';
import { BuildInterruptedError, connectionLossText, isConnectionLoss } from './buildFailure';
import { LineSplitter, parseJsonLine } from '../engine/lineSplitter';
import { BuildContextError } from './contextWalk';
import { IntermediateContainers, removeIntermediateContainers } from './intermediateContainers';
import { BuildStep, BuildStepError, parseStepLine } from './buildSteps';
import { Transform, type Readable } from 'node:stream';
import type { RegistryAuth } from '../registry/registryAuth';

export interface ImageBuildRequest {
  /** The local context folder. */
  context: string;
  /** Relative to the context, or absolute; default `Dockerfile`. */
  dockerfile?: string;
  tag: string;
  args?: Record<string, string>;
  /** The stage of a multi-stage Dockerfile to build (`--target`). */
  target?: string;
  labels?: Record<string, string>;
  /** Rebuild every step instead of reusing cached layers. */
  noCache?: boolean;
  /** Credentials for the registries base images come from, keyed by server address (the X-Registry-Config header). */
  registryConfig?: Record<string, RegistryAuth>;
  /** Pull a newer version of each base image even when one is present (`--pull`). */
  pull?: boolean;
  signal?: AbortSignal;
  /** Each line of the build's output, escape sequences removed. */
  onOutput?(line: string): void;
  /** Each "Step N/M" the builder starts. */
  onStep?(step: BuildStep): void;
  /** The context bytes handed to the engine so far, as they go. */
  onContextBytes?(bytes: number): void;
  /** How long to keep trying to remove a lost build's intermediate containers. Default 2 minutes. */
  cleanupWindowMs?: number;
}

interface BuildEvent {
  stream?: string;
  /** A base image pull's progress (`--pull`, or a FROM image not present). */
  status?: string;
  id?: string;
  progressDetail?: { current?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Builds an image through the engine API (the classic builder) from a streamed context that
 * honours .dockerignore as `docker build` does. Rejects with the builder's own message for a
 * failed step; with a BuildInterruptedError naming the cause when the engine connection drops,
 * and then removes the step containers the engine left; with an AbortError when cancelled.
 */
export async function buildImage(client: EngineClient, request: ImageBuildRequest): Promise<void> {
  const cancelled = (): Error => abortError('The build was cancelled.');
  if (request.signal?.aborted) throw cancelled();
  // The request is ours to cancel; the context stream stops with it.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const steps = new IntermediateContainers();
  const cleanup = (): Promise<string[]> => removeIntermediateContainers(client, steps.pending, request.cleanupWindowMs ?? 120_000);
  const interrupted = (err: unknown): BuildInterruptedError => new BuildInterruptedError(connectionLossText(request.tag, err), cleanup(), { cause: err });
  let context: BuildContext | undefined;
  try {
    context = await createBuildContext(request.context, { dockerfile: request.dockerfile, signal: controller.signal });
    const args = request.args ?? {};
    let stream: NodeJS.ReadableStream;
    try {
      stream = await client.buildImage(countBytes(context.stream, request.onContextBytes), {
        t: request.tag,
        dockerfile: context.dockerfile,
        buildargs: Object.keys(args).length > 0 ? JSON.stringify(args) : undefined,
        labels: request.labels,
        target: request.target,
        nocache: request.noCache,
        pull: request.pull,
        registryconfig: request.registryConfig && Object.keys(request.registryConfig).length > 0 ? request.registryConfig : undefined,
        rm: true,
        forcerm: true,
      } as BuildOptions, controller.signal);
    } catch (err) {
      if (request.signal?.aborted) throw cancelled();
      if (err instanceof BuildContextError) throw err;
      if (isConnectionLoss(err)) throw interrupted(err);
      throw engineActionError(err);
    }
    await readBuildOutput(stream, steps, request, {
      cancelled: () => (request.signal?.aborted ? cancelled() : undefined),
      interrupted,
      cleanup,
    });
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
    // Ended already after a build; after a failed request this stops the walk and closes its files.
    context?.stream.destroy();
  }
}

function readBuildOutput(
  stream: NodeJS.ReadableStream,
  steps: IntermediateContainers,
  request: ImageBuildRequest,
  errors: { cancelled(): Error | undefined; interrupted(err: unknown): Error; cleanup(): Promise<string[]> },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const lines = new LineSplitter();
    let failure: string | undefined;
    let step: BuildStep | undefined;
    let settled = false;
    const settle = (err?: Error): void => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      (stream as unknown as { destroy?(): void }).destroy?.();
      // The engine cancels the build when the client goes; this covers an engine that did not.
      void errors.cleanup();
      settle(errors.cancelled());
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const handle = (line: string): void => {
      const event = parseJsonLine<BuildEvent>(line);
      if (!event) return;
      if (event.error !== undefined || event.errorDetail?.message !== undefined) failure ??= event.errorDetail?.message ?? event.error;
      // Pull milestones ("Pulling from", "Digest", "Status"), without the per-chunk byte counts.
      if (event.status && !event.progressDetail?.current) request.onOutput?.(cleanLogText(event.id ? `${event.id}: ${event.status}` : event.status).trim());
      if (!event.stream) return;
      for (const raw of event.stream.split('\n')) {
        const text = cleanLogText(raw).trimEnd();
        if (!text.trim()) continue;
        steps.observe(text);
        const started = parseStepLine(text);
        if (started) {
          step = started;
          request.onStep?.(started);
        }
        request.onOutput?.(text);
      }
    };
    stream.on('data', (chunk: Buffer | string) => lines.push(chunk).forEach(handle));
    stream.on('error', (err: Error) => {
      const cancelled = errors.cancelled();
      if (cancelled) return settle(cancelled);
      settle(isConnectionLoss(err) ? errors.interrupted(err) : engineActionError(err));
    });
    stream.on('end', () => {
      lines.end().forEach(handle);
      if (failure !== undefined) settle(new BuildStepError(cleanLogText(failure).trim(), step));
      else settle();
    });
  });
}

/** The context as the engine reads it, counted on the way when someone listens. */
function countBytes(stream: Readable, onBytes: ((bytes: number) => void) | undefined): Readable {
  if (!onBytes) return stream;
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback): void {
      total += chunk.length;
      onBytes(total);
      callback(null, chunk);
    },
  });
  stream.once('error', (err: Error) => counter.destroy(err));
  // A request that gives up closes the counter: the context walk stops with it.
  counter.once('close', () => (stream as unknown as { destroy?(): void }).destroy?.());
  return stream.pipe(counter);
}
