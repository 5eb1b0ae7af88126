import type { EngineClient } from '../engine/engineClient';
import type { NetworkInspect } from '../engine/engineTypes';
import { containerDisplayName } from '../engine/actionErrors';
import { engineErrorMessage } from '../engine/engineErrors';
import { BUILTIN_NETWORK_NAMES } from '../networks/networkActions';

export type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';
export interface PruneCandidate {
  id: string;
  name: string;
  /** Bytes freed by removing it, when the engine says. */
  size?: number;
}
export interface PruneResult {
  removed: PruneCandidate[];
  failed: { candidate: PruneCandidate; reason: string }[];
  reclaimedBytes: number;
}

// Swarm's own networks behave like built-ins for pruning purposes.
const SYSTEM_NETWORKS = new Set([...BUILTIN_NETWORK_NAMES, 'ingress', 'docker_gwbridge']);

async function containerCandidates(client: EngineClient): Promise<PruneCandidate[]> {
  const stopped = await client.listContainers({ all: true, size: true, filters: { status: ['created', 'exited', 'dead'] } });
  return stopped.map((c) => ({ id: c.Id, name: containerDisplayName(c.Names, c.Id), size: (c as { SizeRw?: number }).SizeRw }));
}

async function imageCandidates(client: EngineClient): Promise<PruneCandidate[]> {
  const [dangling, containers] = await Promise.all([
    client.listImages({ filters: { dangling: ['true'] } }),
    client.listContainers({ all: true }),
  ]);
  // The engine refuses to remove an image a container was created from; such images are no candidates.
  const used = new Set(containers.map((c) => c.ImageID));
  return dangling
    .filter((i) => !used.has(i.Id))
    .map((i) => ({ id: i.Id, name: i.Id.replace(/^sha256:/, '').slice(0, 12), size: i.Size }));
}

async function volumeCandidates(client: EngineClient): Promise<PruneCandidate[]> {
  const [listed, containers] = await Promise.all([
    client.listVolumes({ filters: { dangling: ['true'] } }),
    client.listContainers({ all: true }),
  ]);
  const mounted = new Set(containers.flatMap((c) => (c.Mounts ?? []).map((m) => m.Name).filter((n): n is string => !!n)));
  // Only /system/df computes volume sizes; it is slow on big engines, so a failure just leaves sizes unknown.
  const sizes = new Map<string, number>();
  try {
    const df = await client.diskUsage();
    for (const v of df.Volumes ?? []) {
      const size = v.UsageData?.Size;
      if (typeof size === 'number' && size >= 0) sizes.set(v.Name, size);
    }
  } catch {
    // Sizes stay unknown.
  }
  return listed
    .filter((v) => !mounted.has(v.Name))
    .map((v) => {
      const candidate: PruneCandidate = { id: v.Name, name: v.Name };
      const size = sizes.get(v.Name);
      if (size !== undefined) candidate.size = size;
      return candidate;
    });
}

async function networkCandidates(client: EngineClient): Promise<PruneCandidate[]> {
  const [networks, containers] = await Promise.all([client.listNetworks(), client.listContainers({ all: true })]);
  // Unlike the engine's prune, a network a stopped container is configured for counts as used: removing
  // it would make that container fail to start.
  // A container never started has no NetworkID yet; its network shows by name and in NetworkMode.
  const used = new Set(
    containers.flatMap((c) => {
      const networks = c.NetworkSettings?.Networks ?? {};
      return [...Object.keys(networks), ...Object.values(networks).map((n) => n.NetworkID), c.HostConfig?.NetworkMode ?? ''];
    }),
  );
  const candidates = networks.filter((n) => !SYSTEM_NETWORKS.has(n.Name) && n.Scope !== 'swarm' && !used.has(n.Id) && !used.has(n.Name));
  // The list API leaves Containers empty; inspect tells whether anything is attached right now.
  const checked = await Promise.all(
    candidates.map(async (n) => {
      const info = (await client.inspectNetwork(n.Id).catch(() => undefined)) as NetworkInspect | undefined;
      return info && Object.keys(info.Containers ?? {}).length === 0 ? n : undefined;
    }),
  );
  return checked.filter((n): n is NetworkInspect => n !== undefined).map((n) => ({ id: n.Id, name: n.Name }));
}

/** What a prune of this kind would remove, for the user to confirm item by item. */
export async function pruneCandidates(client: EngineClient, kind: PruneKind): Promise<PruneCandidate[]> {
  let candidates: PruneCandidate[];
  switch (kind) {
    case 'containers':
      candidates = await containerCandidates(client);
      break;
    case 'images':
      candidates = await imageCandidates(client);
      break;
    case 'volumes':
      candidates = await volumeCandidates(client);
      break;
    case 'networks':
      candidates = await networkCandidates(client);
      break;
  }
  return candidates.sort((a, b) => a.name.localeCompare(b.name));
}

async function removeOne(client: EngineClient, kind: PruneKind, candidate: PruneCandidate): Promise<void> {
  switch (kind) {
    case 'containers':
      // No force: a container started since the listing is refused, not killed.
      await client.removeContainer(candidate.id, { force: false, removeVolumes: false });
      return;
    case 'images': {
      // Removing an image by ID also deletes its tags; one tagged since the listing is no longer dangling.
      const info = await client.inspectImage(candidate.id);
      if ((info.RepoTags ?? []).some((t) => t !== '<none>:<none>')) {
        throw new Error(`it has been tagged since (${info.RepoTags.join(', ')})`);
      }
      // noprune: untagged parent images were not confirmed, so they stay.
      await client.removeImage(candidate.id, { force: false, noPrune: true });
      return;
    }
    case 'volumes':
      await client.removeVolume(candidate.id, { force: false });
      return;
    case 'networks':
      await client.removeNetwork(candidate.id);
      return;
  }
}

/**
 * Removes exactly the given candidates, one by one and without force, and nothing else. What the engine
 * refuses is reported with its reason; reclaimed bytes count only removed candidates of known size.
 */
export async function pruneExactly(client: EngineClient, kind: PruneKind, candidates: PruneCandidate[]): Promise<PruneResult> {
  const result: PruneResult = { removed: [], failed: [], reclaimedBytes: 0 };
  for (const candidate of candidates) {
    try {
      await removeOne(client, kind, candidate);
      result.removed.push(candidate);
      if (candidate.size !== undefined && candidate.size > 0) result.reclaimedBytes += candidate.size;
    } catch (err) {
      result.failed.push({ candidate, reason: engineErrorMessage(err) });
    }
  }
  return result;
}
