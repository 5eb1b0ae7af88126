import { ComposeDevice, ComposeFileMount, ComposeHook, ComposeLink, ComposeSettings, ComposeUlimit } from './composeModelTypes';
import { asString, asStringList, isPlainMap, keyValueMap, PlainMap, resolveHostPath } from './composeModelValues';
import { blkioConfig, byteSize, cpuMicros, deployResources, deviceRequests, integer } from './composeModelResources';
import { shellSplit } from './composeShlex';
import { VariableLookup } from './composeTemplate';
import { parseDuration } from './composeUnits';

export interface SettingsModelOptions {
  workingDir: string;
  homeDir: string;
  lookup: VariableLookup;
  /** Every service of the file, so `volumes_from: x` can tell a service from a container. */
  serviceNames: readonly string[];
  /** The top-level `secrets` and `configs` mappings. */
  secrets: PlainMap;
  configs: PlainMap;
}

/** The less common service keys as engine settings; undefined when the service sets none of them. */
export function buildSettings(raw: PlainMap, options: SettingsModelOptions): ComposeSettings | undefined {
  const deploy = isPlainMap(raw.deploy) ? raw.deploy : {};
  const resources = deployResources(deploy.resources);
  const settings: ComposeSettings = {
    expose: list(raw.expose, exposedPorts),
    networkMode: asString(raw.network_mode),
    readOnly: bool(raw.read_only),
    secrets: fileMounts(raw.secrets, options.secrets, '/run/secrets/', options),
    configs: fileMounts(raw.configs, options.configs, '/', options),
    securityOpt: nonEmpty(asStringList(raw.security_opt)),
    tmpfs: tmpfs(raw.tmpfs),
    links: list(raw.links, link),
    externalLinks: list(raw.external_links, (entry) => {
      const [container, alias] = entry.split(':');
      return [`${container}:${alias ?? container}`];
    }),
    sysctls: map(raw.sysctls),
    dns: nonEmpty(asStringList(raw.dns).filter((server) => server !== '')),
    dnsSearch: nonEmpty(asStringList(raw.dns_search)),
    dnsOpt: nonEmpty(asStringList(raw.dns_opt)),
    stopSignal: asString(raw.stop_signal),
    stopGracePeriod: seconds(raw.stop_grace_period),
    platform: asString(raw.platform),
    ulimits: ulimits(raw.ulimits),
    runtime: asString(raw.runtime),
    pullPolicy: asString(raw.pull_policy),
    pidsLimit: resources.pidsLimit ?? integer(raw.pids_limit),
    logging: logging(raw.logging),
    memswapLimit: raw.memswap_limit === -1 || raw.memswap_limit === '-1' ? -1 : byteSize(raw.memswap_limit),
    memReservation: resources.memReservation ?? byteSize(raw.mem_reservation),
    memSwappiness: integer(raw.mem_swappiness),
    oomKillDisable: bool(raw.oom_kill_disable),
    oomScoreAdj: integer(raw.oom_score_adj),
    shmSize: byteSize(raw.shm_size),
    devices: devices(raw.devices),
    deviceCgroupRules: nonEmpty(asStringList(raw.device_cgroup_rules)),
    deviceRequests: deviceRequests(raw.gpus, resources.devices),
    ipc: asString(raw.ipc),
    pid: asString(raw.pid),
    uts: asString(raw.uts),
    usernsMode: asString(raw.userns_mode),
    cgroup: asString(raw.cgroup),
    cgroupParent: asString(raw.cgroup_parent),
    isolation: asString(raw.isolation),
    groupAdd: nonEmpty(asStringList(raw.group_add)),
    macAddress: asString(raw.mac_address),
    annotations: map(raw.annotations),
    domainname: asString(raw.domainname),
    storageOpt: map(raw.storage_opt),
    volumesFrom: list(raw.volumes_from, (entry) => [volumesFrom(entry, options.serviceNames)]),
    blkio: blkioConfig(raw.blkio_config),
    cpuCount: integer(raw.cpu_count),
    cpuPercent: integer(raw.cpu_percent),
    cpuPeriod: cpuMicros(raw.cpu_period),
    cpuQuota: cpuMicros(raw.cpu_quota),
    cpuRtPeriod: cpuMicros(raw.cpu_rt_period),
    cpuRtRuntime: cpuMicros(raw.cpu_rt_runtime),
    cpuShares: integer(raw.cpu_shares),
    cpuset: asString(raw.cpuset),
    postStart: hooks(raw.post_start, options.lookup),
    preStop: hooks(raw.pre_stop, options.lookup),
  };
  const record = settings as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return Object.keys(record).length === 0 ? undefined : settings;
}

/** Services whose container this one joins through network_mode, ipc, pid or volumes_from. */
export function sharedServices(settings: ComposeSettings | undefined): string[] {
  const modes = [settings?.networkMode, settings?.ipc, settings?.pid, ...(settings?.volumesFrom ?? [])];
  return modes.flatMap((mode) => (mode?.startsWith('service:') ? [mode.slice('service:'.length).split(':')[0]] : []));
}

function hooks(value: unknown, lookup: VariableLookup): ComposeHook[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const result = value.filter(isPlainMap).flatMap((def): ComposeHook[] => {
    const command = typeof def.command === 'string' ? splitCommand(def.command) : asStringList(def.command);
    if (command.length === 0) return [];
    const hook: ComposeHook = { command };
    const user = asString(def.user);
    const workingDir = asString(def.working_dir);
    if (user !== undefined) hook.user = user;
    if (workingDir !== undefined) hook.workingDir = workingDir;
    if (typeof def.privileged === 'boolean') hook.privileged = def.privileged;
    if (def.environment !== undefined) hook.environment = keyValueMap(def.environment, lookup);
    return [hook];
  });
  return nonEmpty(result);
}

function splitCommand(text: string): string[] {
  try {
    return shellSplit(text);
  } catch {
    // Validation reports the unbalanced quote.
    return [text];
  }
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function map(value: unknown): Record<string, string> | undefined {
  const result = keyValueMap(value);
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Each string (or number) entry through `read`; undefined when there are none. */
function list<T>(value: unknown, read: (entry: string) => T[]): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.flatMap((entry: unknown) => {
    const text = asString(entry);
    return text === undefined ? [] : read(text);
  });
  return nonEmpty(items);
}

// Compose truncates the grace period to whole seconds, as the engine's StopTimeout takes them.
function seconds(value: unknown): number | undefined {
  const nanos = typeof value === 'string' ? parseDuration(value) : typeof value === 'number' ? value * 1e9 : undefined;
  return nanos === undefined ? undefined : Math.floor(nanos / 1e9);
}

/** `80`, `80/udp`, `8000-8002` as ExposedPorts keys; a range is one key per port, as the docker CLI expands it. */
export function exposedPorts(entry: string): string[] {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(entry.trim());
  if (!match) return [];
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  const protocol = match[3] ?? 'tcp';
  const ports: string[] = [];
  for (let port = start; port <= end; port++) ports.push(`${port}/${protocol}`);
  return ports;
}

function link(entry: string): ComposeLink[] {
  const [service, alias] = entry.split(':');
  return service === '' ? [] : [{ service, alias: alias ?? service }];
}

function tmpfs(value: unknown): Record<string, string> | undefined {
  const entries = asStringList(value);
  if (entries.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon < 0) result[entry] = '';
    else result[entry.slice(0, colon)] = entry.slice(colon + 1);
  }
  return result;
}

function ulimits(value: unknown): ComposeUlimit[] | undefined {
  if (!isPlainMap(value)) return undefined;
  const result: ComposeUlimit[] = [];
  for (const [name, limit] of Object.entries(value)) {
    const single = integer(limit);
    if (single !== undefined) result.push({ name, soft: single, hard: single });
    else if (isPlainMap(limit)) {
      const soft = integer(limit.soft);
      const hard = integer(limit.hard);
      if (soft !== undefined && hard !== undefined) result.push({ name, soft, hard });
    }
  }
  return nonEmpty(result);
}

function logging(value: unknown): ComposeSettings['logging'] {
  if (!isPlainMap(value)) return undefined;
  const result: NonNullable<ComposeSettings['logging']> = { options: keyValueMap(value.options) };
  const driver = asString(value.driver);
  if (driver !== undefined) result.driver = driver;
  return result;
}

function devices(value: unknown): ComposeDevice[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return nonEmpty(
    value.flatMap((entry: unknown): ComposeDevice[] => {
      if (!isPlainMap(entry)) return typeof entry === 'string' ? device(entry) : [];
      const source = asString(entry.source);
      if (source === undefined) return [];
      return [{ source, target: asString(entry.target) ?? source, permissions: asString(entry.permissions) ?? 'rwm' }];
    }),
  );
}

/** `SOURCE[:TARGET[:PERMISSIONS]]`; the target defaults to the source. */
export function device(entry: string): ComposeDevice[] {
  const [source, target, permissions] = entry.split(':');
  if (source === '') return [];
  // `/dev/x:rw` names no target: a permission string in second place is the permissions.
  if (target !== undefined && permissions === undefined && /^[rwm]+$/.test(target)) return [{ source, target: source, permissions: target }];
  return [{ source, target: target ?? source, permissions: permissions ?? 'rwm' }];
}

/** `name[:mode]` is a service when the file has one by that name, else a container, as compose decides. */
function volumesFrom(entry: string, services: readonly string[]): string {
  if (entry.startsWith('service:') || entry.startsWith('container:')) return entry;
  const name = entry.split(':')[0];
  return services.includes(name) ? `service:${entry}` : `container:${entry}`;
}

/** Service `secrets`/`configs` entries resolved against the top-level definitions; external ones cannot mount. */
function fileMounts(value: unknown, defs: PlainMap, baseDir: string, options: SettingsModelOptions): ComposeFileMount[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const mounts = value.flatMap((entry: unknown): ComposeFileMount[] => {
    const source = isPlainMap(entry) ? asString(entry.source) : asString(entry);
    if (source === undefined) return [];
    const target = isPlainMap(entry) ? asString(entry.target) : undefined;
    const mount: ComposeFileMount = { source, target: target === undefined ? baseDir + source : target.startsWith('/') ? target : baseDir + target };
    const def = isPlainMap(defs[source]) ? (defs[source] as PlainMap) : {};
    const file = asString(def.file);
    const variable = asString(def.environment);
    const content = asString(def.content);
    if (file !== undefined) mount.file = resolveHostPath(file, options.workingDir, options.homeDir);
    else if (variable !== undefined) mount.content = options.lookup(variable) ?? '';
    else if (content !== undefined) mount.content = content;
    else return [];
    return [mount];
  });
  return nonEmpty(mounts);
}
