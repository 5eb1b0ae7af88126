import type { EngineClient } from './engineClient';

export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'dead' | 'removing';
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | undefined;

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  status: string;
  health: ContainerHealth;
  created: number;
  labels: Record<string, string>;
  ports: PortBinding[];
  networkIds: string[];
  volumeNames: string[];
  composeProject?: string;
  composeService?: string;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  digests: string[];
  size: number;
  created: number;
  labels: Record<string, string>;
  dangling: boolean;
}

export interface VolumeInfo {
  name: string;
  driver: string;
  mountpoint: string;
  labels: Record<string, string>;
  createdAt?: string;
}

export interface NetworkInfo {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  subnets: string[];
  labels: Record<string, string>;
  builtin: boolean;
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

function healthFromStatus(status: string): ContainerHealth {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

/** Every container, running or not: one request, and the list carries what the tree shows. */
export async function listContainers(client: EngineClient): Promise<ContainerInfo[]> {
  const raw = await client.listContainers({ all: true });
  return raw.map((c) => {
    const labels = c.Labels ?? {};
    const networks = c.NetworkSettings?.Networks ?? {};
    return {
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image,
      imageId: c.ImageID,
      command: c.Command,
      state: c.State as ContainerState,
      status: c.Status,
      health: healthFromStatus(c.Status),
      created: c.Created,
      labels,
      ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, ip: p.IP, type: p.Type })),
      networkIds: Object.values(networks).map((n) => n.NetworkID),
      volumeNames: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
      composeProject: labels['com.docker.compose.project'],
      composeService: labels['com.docker.compose.service'],
    };
  });
}

export async function listImages(client: EngineClient): Promise<ImageInfo[]> {
  const raw = await client.listImages({ all: false });
  return raw.map((i) => {
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    return {
      id: i.Id,
      tags,
      digests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
      size: i.Size,
      created: i.Created,
      labels: i.Labels ?? {},
      dangling: tags.length === 0,
    };
  });
}

export async function listVolumes(client: EngineClient): Promise<VolumeInfo[]> {
  const raw = await client.listVolumes();
  return raw.map((v) => ({
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    labels: v.Labels ?? {},
    createdAt: (v as { CreatedAt?: string }).CreatedAt,
  }));
}

export async function listNetworks(client: EngineClient): Promise<NetworkInfo[]> {
  const raw = await client.listNetworks();
  return raw.map((n) => ({
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => typeof s === 'string'),
    labels: n.Labels ?? {},
    builtin: BUILTIN_NETWORKS.has(n.Name),
  }));
}
