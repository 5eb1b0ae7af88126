import type { EngineClient } from '../engine/engineClient';
import { repositoryName, type ImageReference } from './imageReference';
import { followProgress } from './progressStream';
import { PullProgress, type PullStatus } from './pullProgress';
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
  const { auth, signal } = options;
  const query = { fromImage: repositoryName(ref), tag: ref.digest ?? ref.tag ?? 'latest', platform: options.platform || undefined };
  return followProgress(
    () => client.pullImage(query, auth, signal),
    new PullProgress(),
    { action: 'pull', signal, onProgress: options.onProgress },
  );
}
