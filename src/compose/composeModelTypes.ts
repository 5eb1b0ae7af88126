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
  /**
   * The engine settings of the less common keys (read_only, ulimits, network_mode, ...). Absent when
   * the file sets none, and each field absent when unset, so adding a key to Berth does not change the
   * config hash of services that do not use it.
   */
  settings?: ComposeSettings;
}

/** Service keys passed to the engine nearly as written; see composeModelRuntime for how each is read. */
export interface ComposeSettings {
  /** `80/tcp` keys, from `expose`. */
  expose?: string[];
  /** host, none, bridge, `service:<name>`, `container:<name>`, or a network name. */
  networkMode?: string;
  readOnly?: boolean;
  secrets?: ComposeFileMount[];
  configs?: ComposeFileMount[];
  securityOpt?: string[];
  /** Container path -> mount options. */
  tmpfs?: Record<string, string>;
  /** Services to link, `service:alias`. */
  links?: ComposeLink[];
  /** Containers outside the project, `container:alias`. */
  externalLinks?: string[];
  sysctls?: Record<string, string>;
  dns?: string[];
  dnsSearch?: string[];
  dnsOpt?: string[];
  stopSignal?: string;
  /** Seconds. */
  stopGracePeriod?: number;
  platform?: string;
  ulimits?: ComposeUlimit[];
  runtime?: string;
  pullPolicy?: string;
  pidsLimit?: number;
  logging?: { driver?: string; options: Record<string, string> };
  /** Bytes; -1 is unlimited swap. */
  memswapLimit?: number;
  memReservation?: number;
  memSwappiness?: number;
  oomKillDisable?: boolean;
  oomScoreAdj?: number;
  shmSize?: number;
  devices?: ComposeDevice[];
  deviceCgroupRules?: string[];
  /** GPUs and `deploy.resources.reservations.devices`, as engine device requests. */
  deviceRequests?: ComposeDeviceRequest[];
  ipc?: string;
  pid?: string;
  uts?: string;
  usernsMode?: string;
  cgroup?: string;
  cgroupParent?: string;
  isolation?: string;
  groupAdd?: string[];
  macAddress?: string;
  annotations?: Record<string, string>;
  domainname?: string;
  storageOpt?: Record<string, string>;
  /** `service:<name>[:ro|rw]` or `container:<name>[:ro|rw]`, normalised to always carry the prefix. */
  volumesFrom?: string[];
  blkio?: ComposeBlkio;
  cpuCount?: number;
  cpuPercent?: number;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuRtPeriod?: number;
  cpuRtRuntime?: number;
  cpuShares?: number;
  cpuset?: string;
  /** Commands run in the container after it starts; the deploy fails when one exits non-zero. */
  postStart?: ComposeHook[];
  /** Commands run in the container before Berth stops it. */
  preStop?: ComposeHook[];
}

export interface ComposeHook {
  command: string[];
  user?: string;
  privileged?: boolean;
  workingDir?: string;
  environment?: Record<string, string>;
}

/** A secret or config as a file in the container. */
export interface ComposeFileMount {
  /** The key under the top-level `secrets` or `configs`. */
  source: string;
  /** Absolute path in the container. */
  target: string;
  /** Absolute host path, for `file:` sources (bind-mounted read-only). */
  file?: string;
  /** The text, for `environment:` and `content:` sources (copied into the container before it starts). */
  content?: string;
}

export interface ComposeLink {
  service: string;
  alias: string;
}

export interface ComposeUlimit {
  name: string;
  soft: number;
  hard: number;
}

export interface ComposeDevice {
  source: string;
  target: string;
  permissions: string;
}

export interface ComposeDeviceRequest {
  driver?: string;
  count?: number;
  deviceIds?: string[];
  capabilities: string[];
  options?: Record<string, string>;
}

export interface ComposeBlkio {
  weight?: number;
  weightDevice?: { path: string; weight: number }[];
  deviceReadBps?: { path: string; rate: number }[];
  deviceReadIops?: { path: string; rate: number }[];
  deviceWriteBps?: { path: string; rate: number }[];
  deviceWriteIops?: { path: string; rate: number }[];
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
  /** True for short-syntax binds and `bind.create_host_path`, where the engine creates a missing host path. */
  createHostPath?: boolean;
  subpath?: string;
  tmpfsSize?: number;
  tmpfsMode?: number;
}

export interface ComposeServiceNetwork {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  linkLocalIps?: string[];
  /** Per network on engine API 1.44 and later; older engines take the primary network's on the container. */
  macAddress?: string;
  /** The network with the highest priority is the container's primary one (default 0). */
  priority?: number;
  driverOpts?: Record<string, string>;
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
  /** Engine API 1.44 and later; older engines ignore it. */
  startInterval?: number;
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
  /** The rest of the network's settings; each absent unless the file sets it. */
  driverOpts?: Record<string, string>;
  enableIpv6?: boolean;
  ipamDriver?: string;
  ipamOptions?: Record<string, string>;
  /** IPAM pools with more than a subnet (gateway, ip_range, aux_addresses); `subnets` alone otherwise. */
  ipamPools?: ComposeIpamPool[];
}

export interface ComposeIpamPool {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

export interface ComposeVolume {
  key: string;
  name: string;
  external: boolean;
  driver?: string;
  labels: Record<string, string>;
  driverOpts?: Record<string, string>;
}
