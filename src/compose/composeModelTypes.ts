import { PortMapping } from './composePorts';

/** A compose project after interpolation, merging and normalisation: what a deploy works from. */
export interface ComposeProject {
  name: string;
  /** Folder of the first compose file; relative paths resolve against it. */
  workingDir: string;
  /** Absolute paths of the files merged into this project, in merge order. */
  configFiles: string[];
  /** Services enabled by the active profiles, in file order. */
  services: Record<string, ComposeService>;
  /** Services left out because none of their profiles is active. */
  inactiveServices: string[];
  networks: Record<string, ComposeNetwork>;
  volumes: Record<string, ComposeVolume>;
}

export interface ComposeService {
  name: string;
  /** The image to run; for a build without an image, compose's default `<project>-<service>`. */
  image: string;
  build?: ComposeBuild;
  command?: string[];
  entrypoint?: string[];
  /** env_file values overlaid by `environment`; variables listed without a value and not set are left out. */
  environment: Record<string, string>;
  ports: PortMapping[];
  volumes: ComposeMount[];
  /** Network key -> settings; services without `networks` are on `default`. */
  networks: Record<string, ComposeServiceNetwork>;
  dependsOn: Record<string, ComposeDependency>;
  restart?: string;
  labels: Record<string, string>;
  containerName?: string;
  healthcheck?: ComposeHealthcheck;
  workingDir?: string;
  user?: string;
  hostname?: string;
  /** `host:ip` entries as the engine's ExtraHosts takes them. */
  extraHosts: string[];
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  tty: boolean;
  stdinOpen: boolean;
  init?: boolean;
  /** Bytes. */
  memLimit?: number;
  nanoCpus?: number;
  replicas: number;
  profiles: string[];
}

export interface ComposeBuild {
  /** Absolute path. */
  context: string;
  dockerfile: string;
  args: Record<string, string>;
  /** The stage of a multi-stage Dockerfile to build. */
  target?: string;
}

export interface ComposeMount {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Bind: absolute host path. Named volume: the volume key in `ComposeProject.volumes`. Anonymous and tmpfs: absent. */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Short-syntax flags besides ro/rw (z, Z, nocopy, propagation). */
  options: string[];
  /** True for short-syntax binds, where the engine creates a missing host path. */
  createHostPath?: boolean;
}

export interface ComposeServiceNetwork {
  aliases: string[];
  ipv4Address?: string;
}

export interface ComposeDependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart: boolean;
  required: boolean;
}

export interface ComposeHealthcheck {
  /** `["NONE"]` disables the image's healthcheck. */
  test?: string[];
  /** Nanoseconds, as the engine API takes them. */
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  retries?: number;
}

export interface ComposeNetwork {
  key: string;
  /** The engine-side name: `<project>_<key>` unless `name:` is set or the network is external. */
  name: string;
  external: boolean;
  driver?: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  subnets: string[];
}

export interface ComposeVolume {
  key: string;
  name: string;
  external: boolean;
  driver?: string;
  labels: Record<string, string>;
}
