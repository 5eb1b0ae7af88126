import type Docker from 'dockerode';
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
export async function tagForPush(docker: Docker, source: string, target: ImageReference): Promise<void> {
  try {
    await docker.getImage(source).tag({ repo: repositoryName(target), tag: target.tag ?? 'latest' });
  } catch (err) {
    throw engineActionError(err);
  }
}

/**
 * Pushes `ref` (a tag of a local image) with per-layer progress aggregated; resolves with the digest
 * the registry gave the manifest. Rejects with the engine's (that is, the registry's) reason, such as
 * "denied: requested access to the resource is denied", or an AbortError when cancelled.
 */
export async function pushImage(docker: Docker, ref: ImageReference, options: PushOptions): Promise<string | undefined> {
  const { signal } = options;
  let digest: string | undefined;
  // The engine wants X-Registry-Auth on every push; an empty config means anonymous.
  const authconfig = options.auth ?? {};
  await followProgress(
    () => docker.getImage(repositoryName(ref)).push({ tag: ref.tag ?? 'latest', authconfig, abortSignal: signal }) as Promise<NodeJS.ReadableStream>,
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
