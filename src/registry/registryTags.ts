import { MANIFEST_ACCEPT, parseImageConfig, parseManifest, preferredImage, type TagDetails } from './manifestDetails';
import { pullScope, type RegistryClient } from './registryClient';
import { RegistryError } from './registryErrors';

/** The manifest's digest and parsed body; the digest header is the registry's word for what a tag points at. */
async function readManifest(client: RegistryClient, repository: string, reference: string, signal?: AbortSignal): Promise<{ digest?: string; manifest: ReturnType<typeof parseManifest> }> {
  const response = await client.fetch(`/v2/${repository}/manifests/${reference}`, {
    accept: MANIFEST_ACCEPT,
    scope: pullScope(repository),
    what: `Reading ${repository}:${reference}`,
    signal,
  });
  const text = await response.text();
  const digest = response.headers.get('docker-content-digest') ?? (reference.startsWith('sha256:') ? reference : undefined);
  const manifest = parseManifest(text, response.headers.get('content-type'));
  return digest ? { digest, manifest } : { manifest };
}

/**
 * Digest, size, creation time and platforms of a tag: the manifest, for a list the manifest of the
 * host's platform, then its config blob. Three requests at most.
 */
export async function loadTagDetails(client: RegistryClient, repository: string, tag: string, signal?: AbortSignal): Promise<TagDetails> {
  const top = await readManifest(client, repository, tag, signal);
  const details: TagDetails = { platforms: [], isList: top.manifest.isList };
  if (top.digest) details.digest = top.digest;
  if (top.manifest.mediaType) details.mediaType = top.manifest.mediaType;
  let image = top.manifest;
  if (top.manifest.isList) {
    details.platforms = top.manifest.images.map((i) => i.platform);
    const chosen = preferredImage(top.manifest.images);
    if (!chosen) return details;
    image = (await readManifest(client, repository, chosen.digest, signal)).manifest;
  }
  if (!image.config) return details;
  details.size = image.config.size + image.layersSize;
  const blob = await client.fetch(`/v2/${repository}/blobs/${image.config.digest}`, {
    scope: pullScope(repository),
    what: `Reading the config of ${repository}:${tag}`,
    signal,
  });
  const config = parseImageConfig(await blob.text());
  if (config.created) details.created = config.created;
  if (!top.manifest.isList && config.platform) details.platforms = [config.platform];
  return details;
}

/**
 * Deletes what a tag points at (DELETE manifests/<digest>), as the registry API allows: every tag
 * on the same digest goes with it. `tag` may be a digest. The registry's "unsupported" answer, when deletes are disabled,
 * becomes a message that says so.
 */
export async function deleteTag(client: RegistryClient, repository: string, tag: string, signal?: AbortSignal): Promise<string> {
  const digest = tag.startsWith('sha256:') ? tag : await headDigest(client, repository, tag, signal);
  if (!digest) throw new RegistryError(`${client.host} did not tell the digest of ${repository}:${tag}, which deleting needs.`);
  try {
    await client.fetch(`/v2/${repository}/manifests/${digest}`, {
      method: 'DELETE',
      scope: `repository:${repository}:delete`,
      what: `Deleting ${repository}:${tag}`,
      signal,
    });
  } catch (error) {
    if (error instanceof RegistryError && (error.codes.includes('UNSUPPORTED') || error.status === 405)) {
      throw new RegistryError(`${client.host} does not allow deleting images (deletes are disabled in its configuration). ${error.message}`, error.status, error.codes);
    }
    throw error;
  }
  return digest;
}

async function headDigest(client: RegistryClient, repository: string, tag: string, signal?: AbortSignal): Promise<string | null> {
  const response = await client.fetch(`/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    accept: MANIFEST_ACCEPT,
    scope: pullScope(repository),
    what: `Reading ${repository}:${tag}`,
    signal,
  });
  return response.headers.get('docker-content-digest');
}
