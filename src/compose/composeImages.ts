import type { EngineClient } from '../engine/engineClient';
import { parseImageReference } from '../images/imageReference';
import { pullImage } from '../images/imagePull';
import { PullStatus } from '../images/pullProgress';
import type { RegistryAuth } from '../registry/registryAuth';
import { buildServiceImage } from './composeBuild';
import { ComposeService } from './composeModelTypes';

/** Image reference (normalised) -> image id, for the images present on the engine. */
export type ImageIds = Map<string, string>;

/** `busybox` and `docker.io/library/busybox:latest` name the same image; the engine lists the short form. */
export function normaliseImageName(name: string): string {
  let ref = name.trim();
  if (ref.includes('@')) return ref;
  ref = ref.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? ref : `${ref}:latest`;
}

export async function readImageIds(client: EngineClient): Promise<ImageIds> {
  const images = await client.listImages();
  const ids: ImageIds = new Map();
  const local: [string, string][] = [];
  for (const image of images) {
    for (const tag of image.RepoTags ?? []) {
      if (tag === '<none>:<none>') continue;
      ids.set(normaliseImageName(tag), image.Id);
      if (tag.startsWith(PODMAN_LOCAL)) local.push([normaliseImageName(tag.slice(PODMAN_LOCAL.length)), image.Id]);
    }
    for (const digest of image.RepoDigests ?? []) ids.set(digest, image.Id);
  }
  // Podman lists the images it made itself (imported, built, committed) as localhost/<name> and
  // resolves a short <name> to them first, so a compose file's <name> is on the engine: no pull
  // (which would ask a registry at localhost). A real image of that name wins.
  for (const [name, id] of local) if (!ids.has(name)) ids.set(name, id);
  return ids;
}

const PODMAN_LOCAL = 'localhost/';

export function imageIdFor(ids: ImageIds, image: string): string | undefined {
  return ids.get(normaliseImageName(image));
}

export interface EnsureImagesOptions {
  /** Build services with `build` even when their image exists (`up --build`). */
  build?: boolean;
  signal?: AbortSignal;
  /** Labels for built images. */
  labels?: Record<string, string>;
  onPull?(service: string, status: PullStatus): void;
  onBuild?(service: string, line: string): void;
  onStep?(service: string, step: 'pulling' | 'building' | 'pulled' | 'built'): void;
  /** Credentials for a registry (undefined = Docker Hub); pulls are anonymous without it. */
  auth?(registry: string | undefined): Promise<RegistryAuth | undefined>;
}

/**
 * Pulls the missing images and builds the missing (or, when asked, all) built ones, before anything
 * is created. Services sharing an image are handled once. Returns whether anything changed.
 */
export async function ensureImages(client: EngineClient, services: ComposeService[], ids: ImageIds, options: EnsureImagesOptions): Promise<boolean> {
  const work = new Map<string, ComposeService>();
  for (const service of services) {
    const key = normaliseImageName(service.image);
    const missing = !ids.has(key);
    const policy = service.settings?.pullPolicy;
    if (missing && policy === 'never' && !service.build) throw new Error(`Service "${service.name}": image ${service.image} is not on the engine, and pull_policy is never.`);
    const wanted = service.build ? options.build === true || policy === 'build' || missing : missing || policy === 'always';
    if (wanted && !work.has(key)) work.set(key, service);
  }
  await Promise.all(
    [...work.values()].map(async (service) => {
      if (service.build) {
        options.onStep?.(service.name, 'building');
        await buildServiceImage(client, service.build, service.image, {
          labels: options.labels,
          signal: options.signal,
          onOutput: (line) => options.onBuild?.(service.name, line),
        });
        options.onStep?.(service.name, 'built');
        return;
      }
      const parsed = parseImageReference(service.image);
      if (!parsed.ok) throw new Error(`Service "${service.name}": ${parsed.message}`);
      options.onStep?.(service.name, 'pulling');
      const auth = await options.auth?.(parsed.ref.registry);
      await pullImage(client, parsed.ref, {
        auth,
        signal: options.signal,
        platform: service.settings?.platform,
        onProgress: (status) => options.onPull?.(service.name, status),
      });
      options.onStep?.(service.name, 'pulled');
    }),
  );
  return work.size > 0;
}
