/** What the Registries view shows for a tag, read from its manifest (and config blob). */
export interface TagDetails {
  digest?: string;
  /** Bytes of config + layers; for a list, of the platform whose manifest was read. */
  size?: number;
  created?: string;
  /** `os/arch[/variant]`, one per image for manifest lists and OCI indexes. */
  platforms: string[];
  mediaType?: string;
  isList: boolean;
}

export const MANIFEST_LIST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
] as const;
export const IMAGE_MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;
/** Everything a modern registry stores; listed so none answers with a converted schema 1 manifest. */
export const MANIFEST_ACCEPT: readonly string[] = [...MANIFEST_LIST_TYPES, ...IMAGE_MANIFEST_TYPES];

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ParsedManifest {
  mediaType?: string;
  isList: boolean;
  /** For lists: the images, attestations left out. */
  images: { digest: string; platform: string }[];
  /** For image manifests. */
  config?: { digest: string; size: number };
  layersSize: number;
}

function platformName(p: Descriptor['platform']): string | undefined {
  if (!p?.os || !p.architecture) return undefined;
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** Reads a manifest's JSON; the media type comes from the body, else from the Content-Type header. */
export function parseManifest(text: string, contentType?: string | null): ParsedManifest {
  const body = JSON.parse(text) as { mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[]; schemaVersion?: number };
  const mediaType = body.mediaType ?? contentType?.split(';')[0].trim();
  if (Array.isArray(body.manifests)) {
    const images: ParsedManifest['images'] = [];
    for (const m of body.manifests) {
      // BuildKit stores provenance as "unknown/unknown" entries that are not images anyone runs.
      if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
      const platform = platformName(m.platform);
      if (!m.digest || !platform || platform === 'unknown/unknown') continue;
      images.push({ digest: m.digest, platform });
    }
    return { mediaType, isList: true, images, layersSize: 0 };
  }
  if (body.schemaVersion === 1) throw new Error('This is a schema 1 manifest, which registries no longer serve; push the image again.');
  const layersSize = (body.layers ?? []).reduce((sum, l) => sum + (typeof l.size === 'number' ? l.size : 0), 0);
  const config = body.config?.digest ? { digest: body.config.digest, size: body.config.size ?? 0 } : undefined;
  return { mediaType, isList: false, images: [], config, layersSize };
}

/** The image config blob's creation time and platform. */
export function parseImageConfig(text: string): { created?: string; platform?: string } {
  const config = JSON.parse(text) as { created?: string; os?: string; architecture?: string; variant?: string };
  const result: { created?: string; platform?: string } = {};
  if (typeof config.created === 'string') result.created = config.created;
  const platform = platformName(config);
  if (platform) result.platform = platform;
  return result;
}

/** The list entry whose details stand for the whole tag: the host's platform when present, else the first. */
export function preferredImage(images: ParsedManifest['images'], host = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`): ParsedManifest['images'][number] | undefined {
  return images.find((i) => i.platform === host) ?? images.find((i) => i.platform.startsWith(`${host}/`)) ?? images[0];
}
