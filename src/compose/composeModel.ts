import * as path from 'node:path';
import { ComposeIpamPool, ComposeNetwork, ComposeProject, ComposeService, ComposeVolume } from './composeModelTypes';
import { buildService } from './composeModelService';
import { asString, asStringList, isPlainMap, keyValueMap, normalizeProjectName, PlainMap } from './composeModelValues';
import { VariableLookup } from './composeTemplate';

export interface ModelOptions {
  /** Folder of the first compose file. */
  workingDir: string;
  configFiles: string[];
  /** Wins over COMPOSE_PROJECT_NAME, `name:` and the folder name, as `docker compose -p` does. */
  projectName?: string;
  /** Variables of the project: the process environment over the `.env` file. */
  lookup: VariableLookup;
  homeDir: string;
  /** Active profiles; COMPOSE_PROFILES when not given. */
  profiles?: string[];
  /** Reads env_file files; a missing file (undefined) is skipped, validation reports it. */
  readFile?: (file: string) => string | undefined;
}

/**
 * Normalises a merged, interpolated compose document into the project model. It expects a validated
 * document and skips what it cannot understand rather than failing, so editors can still show a
 * project with errors.
 */
export function buildComposeModel(raw: unknown, options: ModelOptions): ComposeProject {
  const root: PlainMap = isPlainMap(raw) ? raw : {};
  const name = resolveProjectName(root, options);
  const activeProfiles = options.profiles ?? (options.lookup('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const rawServices = isPlainMap(root.services) ? root.services : {};
  const services: Record<string, ComposeService> = {};
  const inactiveServices: string[] = [];
  // Built once: per service they made a 6,000-service file take quadratic time.
  const shared = {
    serviceNames: Object.keys(rawServices),
    secrets: isPlainMap(root.secrets) ? root.secrets : {},
    configs: isPlainMap(root.configs) ? root.configs : {},
  };
  for (const [key, value] of Object.entries(rawServices)) {
    if (!isPlainMap(value)) continue;
    const profiles = asStringList(value.profiles);
    const active = profiles.length === 0 || activeProfiles.includes('*') || profiles.some((p) => activeProfiles.includes(p));
    if (!active) {
      inactiveServices.push(key);
      continue;
    }
    services[key] = buildService(key, value, { ...options, projectName: name, ...shared });
  }
  const networks = buildNetworks(root.networks, name);
  const usesDefault = Object.values(services).some((service) => 'default' in service.networks);
  if (usesDefault && !networks.default) networks.default = network('default', {}, name);
  return {
    name,
    workingDir: options.workingDir,
    configFiles: options.configFiles,
    services,
    inactiveServices,
    networks,
    volumes: buildVolumes(root.volumes, name),
  };
}

export function resolveProjectName(root: PlainMap, options: Pick<ModelOptions, 'projectName' | 'lookup' | 'workingDir'>): string {
  const candidates = [options.projectName, options.lookup('COMPOSE_PROJECT_NAME'), asString(root.name), path.basename(options.workingDir)];
  for (const candidate of candidates) {
    const normalized = candidate === undefined ? '' : normalizeProjectName(candidate);
    if (normalized !== '') return normalized;
  }
  return 'default';
}

function buildNetworks(raw: unknown, project: string): Record<string, ComposeNetwork> {
  const result: Record<string, ComposeNetwork> = {};
  if (!isPlainMap(raw)) return result;
  for (const [key, value] of Object.entries(raw)) {
    result[key] = network(key, isPlainMap(value) ? value : {}, project);
  }
  return result;
}

function network(key: string, def: PlainMap, project: string): ComposeNetwork {
  const external = def.external === true;
  const explicit = asString(def.name);
  const ipam = isPlainMap(def.ipam) ? def.ipam : {};
  const configs = Array.isArray(ipam.config) ? ipam.config : [];
  const result: ComposeNetwork = {
    key,
    name: explicit ?? (external ? key : `${project}_${key}`),
    external,
    internal: def.internal === true,
    attachable: def.attachable === true,
    labels: keyValueMap(def.labels),
    subnets: configs.flatMap((config) => {
      const subnet = isPlainMap(config) ? asString(config.subnet) : undefined;
      return subnet === undefined ? [] : [subnet];
    }),
  };
  const driver = asString(def.driver);
  if (driver !== undefined) result.driver = driver;
  Object.assign(result, networkOptions(def, ipam, configs));
  return result;
}

/** Driver and IPAM settings beyond the basics, only those the file sets (so existing models stay as they were). */
function networkOptions(def: PlainMap, ipam: PlainMap, configs: unknown[]): Partial<ComposeNetwork> {
  const result: Partial<ComposeNetwork> = {};
  if (isPlainMap(def.driver_opts)) result.driverOpts = keyValueMap(def.driver_opts);
  if (typeof def.enable_ipv6 === 'boolean') result.enableIpv6 = def.enable_ipv6;
  const ipamDriver = asString(ipam.driver);
  if (ipamDriver !== undefined) result.ipamDriver = ipamDriver;
  if (isPlainMap(ipam.options)) result.ipamOptions = keyValueMap(ipam.options);
  const pools = configs.filter(isPlainMap).map((config): ComposeIpamPool => {
    const pool: ComposeIpamPool = {};
    const fields: [keyof ComposeIpamPool, unknown][] = [['subnet', config.subnet], ['gateway', config.gateway], ['ipRange', config.ip_range]];
    for (const [key, value] of fields) if (asString(value) !== undefined) (pool as PlainMap)[key] = asString(value);
    if (isPlainMap(config.aux_addresses)) pool.auxAddresses = keyValueMap(config.aux_addresses);
    return pool;
  });
  if (pools.some((pool) => Object.keys(pool).some((key) => key !== 'subnet'))) result.ipamPools = pools;
  return result;
}

function buildVolumes(raw: unknown, project: string): Record<string, ComposeVolume> {
  const result: Record<string, ComposeVolume> = {};
  if (!isPlainMap(raw)) return result;
  for (const [key, value] of Object.entries(raw)) {
    const def = isPlainMap(value) ? value : {};
    const external = def.external === true;
    const volume: ComposeVolume = {
      key,
      name: asString(def.name) ?? (external ? key : `${project}_${key}`),
      external,
      labels: keyValueMap(def.labels),
    };
    const driver = asString(def.driver);
    if (driver !== undefined) volume.driver = driver;
    if (isPlainMap(def.driver_opts)) volume.driverOpts = keyValueMap(def.driver_opts);
    result[key] = volume;
  }
  return result;
}
