import type Docker from 'dockerode';

// Berth's names for what it sends to and reads from the engine. They are the Engine API's own shapes,
// so they are taken from dockerode's declarations here rather than copied field by field; outside
// src/engine nothing names dockerode, and a change of transport only touches this folder.

export type ContainerSummary = Docker.ContainerInfo;
export type ContainerInspect = Docker.ContainerInspectInfo;
export type ContainerCreateSpec = Docker.ContainerCreateOptions;
export type HostConfig = Docker.HostConfig;
export type HostRestartPolicy = Docker.HostRestartPolicy;
export type PortMap = Docker.PortMap;
export type MountSettings = Docker.MountSettings;
export type MountPropagation = Docker.MountPropagation;
export type EndpointSettings = Docker.EndpointSettings;
export type ContainerStats = Docker.ContainerStats;

export type ImageSummary = Docker.ImageInfo;
export type ImageInspect = Docker.ImageInspectInfo;

export type VolumeInspect = Docker.VolumeInspectInfo;
export type VolumeCreateSpec = Docker.VolumeCreateOptions;

export type NetworkInspect = Docker.NetworkInspectInfo;
export type NetworkCreateSpec = Docker.NetworkCreateOptions;
export type IpamConfig = Docker.IPAM;

export type ExecCreateSpec = Docker.ExecCreateOptions;
export type ExecInspect = Docker.ExecInspectInfo;

export type EngineVersion = Docker.DockerVersion;
/** The build's query parameters; the request's abort signal is a separate argument. */
export type BuildOptions = Omit<Docker.ImageBuildOptions, 'abortSignal'>;

/** Credentials for a registry, as the engine takes them in X-Registry-Auth. */
export type RegistryCredentials = Docker.AuthConfigObject;

/** Filters as the engine takes them: `{ label: ['a=b'], status: ['running'] }`. */
export type EngineFilters = Record<string, string[]>;

export interface ListContainersQuery {
  all?: boolean;
  size?: boolean;
  filters?: EngineFilters;
}

export interface LogsQuery {
  follow?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  timestamps?: boolean;
  /** Lines from the end. */
  tail?: number;
  /** Unix seconds, or the engine's "<seconds>.<nanoseconds>". */
  since?: number | string;
  until?: number | string;
}

export interface EventsQuery {
  filters?: EngineFilters;
  /** Unix seconds, or "<seconds>.<nanoseconds>": the engine replays what it kept from then on. */
  since?: number | string;
  /** With `until` the engine ends the stream by itself. */
  until?: number | string;
}

export interface StatsQuery {
  'one-shot'?: boolean;
}

/** The X-Docker-Container-Path-Stat header of HEAD /containers/{id}/archive. */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: the type bits are high (directory 1 << 31, symlink 1 << 27). */
  mode: number;
  mtime: string;
  linkTarget: string;
}

export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export interface DiskUsage {
  Volumes?: { Name: string; UsageData?: { Size?: number } | null }[] | null;
}

export interface EngineInfo {
  ID?: string;
  Name?: string;
  Containers?: number;
  ContainersRunning?: number;
  ServerVersion?: string;
  OperatingSystem?: string;
  [key: string]: unknown;
}
