import type { EngineClient } from '../engine/engineClient';
import { buildImage } from '../build/imageBuild';
import { ComposeBuild } from './composeModelTypes';

export interface BuildOptions {
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /** Each line of the build's output, escape sequences removed. */
  onOutput?(line: string): void;
}

/**
 * Builds a service's image as `docker compose build` would with the classic builder: the context
 * filtered by its .dockerignore exactly as Docker filters it, the `target` stage when one is set.
 * Rejects with the builder's own message; see buildImage for a lost engine and cancellation.
 */
export async function buildServiceImage(client: EngineClient, build: ComposeBuild, tag: string, options: BuildOptions = {}): Promise<void> {
  await buildImage(client, {
    context: build.context,
    dockerfile: build.dockerfile,
    tag,
    args: build.args,
    target: build.target,
    labels: options.labels,
    signal: options.signal,
    onOutput: options.onOutput,
  });
}
