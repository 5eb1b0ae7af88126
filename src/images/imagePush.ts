import type { EngineClient } from '../engine/engineClient';
import { engineActionError } from '../engine/actionErrors';
import { repositoryName, type ImageReference } from './imageReference';
import { followProgress } from './progressStream';
import { PullProgress, type PullStatus } from './pullProgress';
import type { RegistryAuth } from '../registry/registryAuth';

// Every engine call of a push (tag, push) lives here, so a change of engine client touches one file.

export interface PushOptions {
  auth?: RegistryAuth;
  onProgress?(s: PullStatus): void;
  signal?: AbortSignal;
}

/** Tags a local image (ID or reference) as `target`, as `docker tag` does, before pushing it there. */
export async function tagForPush(client: EngineClient, source: string, target: ImageReference): Promise<void> {
  try {
    await client.tagImage(source, repositoryName(target), target.tag ?? 'latest');
  } catch (err) {
    throw engineActionError(err);
  }
}

/**
 * Pushes `ref` (a tag of a local image) with per-layer progress aggregated; resolves with the digest
 * the registry gave the manifest. Rejects with the engine's (that is, the registry's) reason, such as
 * "denied: requested access to the resource is denied", or an AbortError when cancelled.
 */
export async function pushImage(client: EngineClient, ref: ImageReference, options: PushOptions): Promise<string | undefined> {
  const { signal } = options;
  let digest: string | undefined;
  await followProgress(
    // The client sends X-Registry-Auth on every push; without credentials, an empty (anonymous) one.
    () => client.pushImage(repositoryName(ref), ref.tag ?? 'latest', options.auth, signal),
    new PullProgress('push'),
    {
      action: 'push',
      signal,
      onProgress: options.onProgress,
      onEvent: (event) => {
        const aux = event.aux as { Digest?: unknown } | undefined;
        if (typeof aux?.Digest === 'string') digest = aux.Digest;
      },
    },
  );
  return digest;
}
