import * as path from 'node:path';
import { parseDotenv } from './composeDotenv';
import {
  ComposeBuild,
  ComposeDependency,
  ComposeHealthcheck,
  ComposeMount,
  ComposeService,
  ComposeServiceNetwork,
  ComposeSettings,
} from './composeModelTypes';
import { deployResources } from './composeModelResources';
import { buildSettings, sharedServices } from './composeModelSettings';
import { asString, asStringList, isPlainMap, keyValueMap, PlainMap, resolveHostPath } from './composeModelValues';
import { parsePort, PortMapping } from './composePorts';
import { DEPENDS_ON_CONDITIONS } from './composeSchema';
import { shellSplit } from './composeShlex';
import { VariableLookup } from './composeTemplate';
import { parseByteSize, parseDuration, parseNanoCpus } from './composeUnits';
import { parseVolume } from './composeVolumeSpec';

export interface ServiceModelOptions {
  projectName: string;
  workingDir: string;
  homeDir: string;
  lookup: VariableLookup;
  readFile?: (file: string) => string | undefined;
  /** Every service of the file, so `volumes_from: x` can tell a service from a container. */
  serviceNames?: readonly string[];
  /** The top-level `secrets` and `configs` mappings services refer to. */
  secrets?: PlainMap;
  configs?: PlainMap;
}

export function buildService(name: string, raw: PlainMap, options: ServiceModelOptions): ComposeService {
  const deploy = isPlainMap(raw.deploy) ? raw.deploy : {};
  const resources = deployResources(deploy.resources);
  const settings = buildSettings(raw, {
    ...options,
    serviceNames: options.serviceNames ?? [],
    secrets: options.secrets ?? {},
    configs: options.configs ?? {},
  });
  const networkMode = settings?.networkMode;
  const service: ComposeService = {
    name,
    image: asString(raw.image) ?? `${options.projectName}-${name}`,
    environment: { ...envFiles(raw.env_file, options), ...keyValueMap(raw.environment, options.lookup) },
    ports: (Array.isArray(raw.ports) ? raw.ports : []).flatMap((spec): PortMapping[] => {
      const result = parsePort(spec);
      return result.ok ? [result.port] : [];
    }),
    volumes: mounts(raw.volumes, options),
    // A container in another network mode joins no project network, so none is created for it.
    networks: networkMode === undefined ? serviceNetworks(raw.networks) : {},
    dependsOn: withImpliedDependencies(dependencies(raw.depends_on), settings),
    labels: { ...labelFiles(raw.label_file, options), ...keyValueMap(raw.labels) },
    extraHosts: extraHosts(raw.extra_hosts),
    capAdd: asStringList(raw.cap_add),
    capDrop: asStringList(raw.cap_drop),
    privileged: raw.privileged === true,
    tty: raw.tty === true,
    stdinOpen: raw.stdin_open === true,
    replicas: replicas(deploy, raw.scale),
    profiles: asStringList(raw.profiles),
  };
  const optional: Partial<ComposeService> = {
    build: build(raw.build, options),
    command: commandLine(raw.command),
    entrypoint: commandLine(raw.entrypoint),
    restart: restartPolicy(deploy.restart_policy) ?? asString(raw.restart),
    containerName: asString(raw.container_name),
    healthcheck: healthcheck(raw.healthcheck),
    workingDir: asString(raw.working_dir),
    user: asString(raw.user),
    hostname: asString(raw.hostname),
    init: typeof raw.init === 'boolean' ? raw.init : undefined,
    // deploy.resources.limits win over mem_limit and cpus, as compose applies them after.
    memLimit: resources.memLimit ?? (typeof raw.mem_limit === 'string' || typeof raw.mem_limit === 'number' ? parseByteSize(raw.mem_limit) : undefined),
    nanoCpus: resources.nanoCpus ?? (typeof raw.cpus === 'string' || typeof raw.cpus === 'number' ? parseNanoCpus(raw.cpus) : undefined),
    settings,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (service as unknown as PlainMap)[key] = value;
  }
  return service;
}

/** A string runs through shell-style splitting; a list is taken as is. */
function commandLine(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return asStringList(value);
  const text = asString(value);
  if (text === undefined) return undefined;
  try {
    return shellSplit(text);
  } catch {
    // Validation reports the unbalanced quote; keep the whole string as one word meanwhile.
    return [text];
  }
}

function envFiles(value: unknown, options: ServiceModelOptions): Record<string, string> {
  const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const file = isPlainMap(entry) ? asString(entry.path) : asString(entry);
    if (file === undefined || !options.readFile) continue;
    const text = options.readFile(path.resolve(options.workingDir, file));
    if (text !== undefined) Object.assign(result, parseDotenv(text, options.lookup).values);
  }
  return result;
}

/** `label_file`: KEY=VALUE files under the service's own `labels`, which win. */
function labelFiles(value: unknown, options: ServiceModelOptions): Record<string, string> {
  const result: Record<string, string> = {};
  for (const file of asStringList(value)) {
    const text = options.readFile?.(path.resolve(options.workingDir, file));
    if (text !== undefined) Object.assign(result, parseDotenv(text, options.lookup).values);
  }
  return result;
}

function build(value: unknown, options: ServiceModelOptions): ComposeBuild | undefined {
  if (value === undefined || value === null) return undefined;
  const def = isPlainMap(value) ? value : { context: value };
  const context = asString(def.context) ?? '.';
  // Remote contexts (git or http URLs) go to the builder as written.
  const remote = /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context);
  const target = asString(def.target);
  return {
    context: remote ? context : resolveHostPath(context, options.workingDir, options.homeDir),
    // An interpolated empty value (`dockerfile: ${UNSET}`) means the default, as in compose.
    dockerfile: asString(def.dockerfile) || 'Dockerfile',
    args: keyValueMap(def.args, options.lookup),
    ...(target !== undefined ? { target } : {}),
  };
}

function mounts(value: unknown, options: ServiceModelOptions): ComposeMount[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((spec): ComposeMount[] => {
    const result = parseVolume(spec);
    if (!result.ok) return [];
    const mount: ComposeMount = { ...result.mount };
    if (mount.type === 'bind' && mount.source !== undefined) {
      mount.source = resolveHostPath(mount.source, options.workingDir, options.homeDir);
      mount.createHostPath = typeof spec === 'string' || result.mount.createHostPath === true;
    }
    return [mount];
  });
}

function serviceNetworks(value: unknown): Record<string, ComposeServiceNetwork> {
  if (Array.isArray(value)) {
    return Object.fromEntries(asStringList(value).map((name) => [name, { aliases: [] }]));
  }
  if (!isPlainMap(value)) return { default: { aliases: [] } };
  const result: Record<string, ComposeServiceNetwork> = {};
  for (const [name, settings] of Object.entries(value)) {
    const def = isPlainMap(settings) ? settings : {};
    const network: ComposeServiceNetwork = { aliases: asStringList(def.aliases) };
    const optional: Partial<ComposeServiceNetwork> = {
      ipv4Address: asString(def.ipv4_address),
      ipv6Address: asString(def.ipv6_address),
      linkLocalIps: Array.isArray(def.link_local_ips) ? asStringList(def.link_local_ips) : undefined,
      macAddress: asString(def.mac_address),
      priority: typeof def.priority === 'number' ? def.priority : undefined,
      driverOpts: isPlainMap(def.driver_opts) ? keyValueMap(def.driver_opts) : undefined,
    };
    for (const [key, field] of Object.entries(optional)) if (field !== undefined) (network as unknown as PlainMap)[key] = field;
    result[name] = network;
  }
  return result;
}

function dependencies(value: unknown): Record<string, ComposeDependency> {
  const result: Record<string, ComposeDependency> = {};
  const names = Array.isArray(value) ? asStringList(value) : isPlainMap(value) ? Object.keys(value) : [];
  for (const name of names) {
    const def = isPlainMap(value) && isPlainMap(value[name]) ? (value[name] as PlainMap) : {};
    const condition = asString(def.condition) ?? 'service_started';
    result[name] = {
      condition: (DEPENDS_ON_CONDITIONS.includes(condition) ? condition : 'service_started') as ComposeDependency['condition'],
      restart: def.restart === true,
      required: def.required !== false,
    };
  }
  return result;
}

function healthcheck(value: unknown): ComposeHealthcheck | undefined {
  if (!isPlainMap(value)) return undefined;
  const result: ComposeHealthcheck = {};
  if (value.disable === true) {
    result.test = ['NONE'];
  } else if (Array.isArray(value.test)) {
    result.test = asStringList(value.test);
  } else if (typeof value.test === 'string') {
    result.test = ['CMD-SHELL', value.test];
  }
  const durations: [keyof ComposeHealthcheck, unknown][] = [
    ['interval', value.interval],
    ['timeout', value.timeout],
    ['startPeriod', value.start_period],
    ['startInterval', value.start_interval],
  ];
  for (const [key, raw] of durations) {
    const nanos = typeof raw === 'string' ? parseDuration(raw) : undefined;
    if (nanos !== undefined) (result as PlainMap)[key] = nanos;
  }
  if (typeof value.retries === 'number') result.retries = value.retries;
  return result;
}

/** `deploy.replicas` wins over the older `scale`; one container when neither is set. */
function replicas(deploy: PlainMap, scale: unknown): number {
  if (typeof deploy.replicas === 'number' && deploy.replicas >= 0) return deploy.replicas;
  if (typeof scale === 'number' && scale >= 0) return scale;
  return 1;
}

/** `deploy.restart_policy` as the engine policy compose maps it to; it wins over `restart`. */
function restartPolicy(value: unknown): string | undefined {
  if (!isPlainMap(value)) return undefined;
  const condition = asString(value.condition) ?? 'any';
  const name = { none: 'no', any: 'always' }[condition] ?? condition;
  return name === 'on-failure' && typeof value.max_attempts === 'number' ? `on-failure:${value.max_attempts}` : name;
}

/**
 * Sharing another service's network, IPC or PID namespace, linking to it or mounting its volumes
 * needs its container first: compose adds these as `service_started` dependencies.
 */
function withImpliedDependencies(explicit: Record<string, ComposeDependency>, settings: ComposeSettings | undefined): Record<string, ComposeDependency> {
  const implied = [...sharedServices(settings), ...(settings?.links ?? []).map((l) => l.service)];
  const result = { ...explicit };
  for (const name of implied) result[name] ??= { condition: 'service_started', restart: false, required: true };
  return result;
}

function extraHosts(value: unknown): string[] {
  const pairs: [string, string][] = [];
  if (isPlainMap(value)) {
    for (const [host, address] of Object.entries(value)) {
      for (const ip of asStringList(address).flatMap((a) => a.split(','))) pairs.push([host, ip.trim()]);
    }
  } else {
    for (const entry of asStringList(value)) {
      const separator = /[=:]/.exec(entry);
      if (!separator) continue;
      // `host=10.0.0.1,10.0.0.2` gives the host several addresses, one ExtraHosts entry each.
      for (const ip of entry.slice(separator.index + 1).split(',')) pairs.push([entry.slice(0, separator.index), ip.trim()]);
    }
  }
  // The engine splits at the first colon, so IPv6 addresses go without brackets.
  return pairs.map(([host, ip]) => `${host}:${ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip}`);
}
