import { isPlainMap, PlainMap } from './composeModelValues';
import { parsePort } from './composePorts';
import { parseVolume } from './composeVolumeSpec';
import { OverrideValue, RESET } from './composeYaml';

// Service fields that are lists of unique items: later files add to them, repeats collapse.
const APPENDED = new Set([
  'cap_add', 'cap_drop', 'configs', 'device_cgroup_rules', 'dns', 'dns_opt', 'dns_search', 'env_file',
  'expose', 'external_links', 'group_add', 'profiles', 'secrets', 'security_opt', 'tmpfs', 'volumes_from',
]);
// Fields that are key/value sets in either mapping or KEY=value list form.
const KEY_VALUE = new Set(['environment', 'labels', 'annotations', 'sysctls']);
// Top-level sections of named definitions.
const DEFINITIONS = new Set(['networks', 'volumes', 'configs', 'secrets']);
// Fields where a later value replaces the earlier one whole, even if both are lists.
const REPLACED = new Set(['command', 'entrypoint']);

/**
 * Merges compose documents (as plain data from composeYaml's yamlToPlain) the way compose applies
 * override files: mappings merge, scalars and commands are replaced, environment and labels merge by
 * name, ports by published address, volumes and devices by container path, links by the text before "=", ulimits by
 * name, logging options only for the same driver, other lists append. `!reset` removes a value and
 * `!override` replaces it without merging.
 */
export function mergeComposeDocuments(documents: unknown[]): PlainMap {
  let merged: PlainMap = {};
  for (const document of documents) {
    if (isPlainMap(document)) merged = mergeTop(merged, document);
  }
  return merged;
}

function mergeTop(base: PlainMap, over: PlainMap): PlainMap {
  const result: PlainMap = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (markerApplied(result, key, value)) continue;
    if (key === 'services' && isPlainMap(result.services) && isPlainMap(value)) {
      const services: PlainMap = { ...result.services };
      for (const [name, service] of Object.entries(value)) {
        if (markerApplied(services, name, service)) continue;
        const current = services[name];
        services[name] = isPlainMap(current) && isPlainMap(service) ? mergeService(current, service) : strip(service);
      }
      result.services = services;
    } else if (DEFINITIONS.has(key) && isPlainMap(result[key]) && isPlainMap(value)) {
      const defs: PlainMap = { ...(result[key] as PlainMap) };
      for (const [name, def] of Object.entries(value)) {
        if (markerApplied(defs, name, def)) continue;
        const current = defs[name];
        defs[name] = isPlainMap(current) && isPlainMap(def) ? mergeDefinition(current, def) : strip(def);
      }
      result[key] = defs;
    } else {
      result[key] = key in result ? deepMerge(result[key], value) : strip(value);
    }
  }
  return result;
}

// Top-level networks, volumes, configs and secrets: labels and options merge by name, IPAM pools by subnet.
function mergeDefinition(base: PlainMap, over: PlainMap): PlainMap {
  const result: PlainMap = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (markerApplied(result, key, value)) continue;
    if (!(key in result) || value === null) result[key] = strip(value);
    else if (key === 'labels' || key === 'driver_opts') result[key] = deepMerge(keyValues(result[key]), keyValues(value));
    else if (key === 'ipam' && isPlainMap(result.ipam) && isPlainMap(value)) {
      const { config, ...rest } = value;
      const ipam = deepMerge(result.ipam, rest) as PlainMap;
      if (config !== undefined) ipam.config = mergeByKey(listOf(result.ipam.config), listOf(config), (item) => (isPlainMap(item) && typeof item.subnet === 'string' ? `subnet:${item.subnet}` : stableKey(item)));
      result.ipam = ipam;
    } else result[key] = deepMerge(result[key], value);
  }
  return result;
}

// Lists whose items are mappings identified by a key: a later item with the same key merges into the earlier one.
function mergeByKey(base: unknown[], over: unknown[], keyOf: (item: unknown) => string): unknown[] {
  const result = base.map(strip);
  const index = new Map(result.map((item, i) => [keyOf(item), i]));
  for (const item of over) {
    const existing = index.get(keyOf(item));
    if (existing === undefined) {
      index.set(keyOf(item), result.length);
      result.push(strip(item));
    } else result[existing] = deepMerge(result[existing], item);
  }
  return result;
}

/** A service merged onto another with the override-file rules; `extends` uses them too. */
export function mergeService(base: PlainMap, over: PlainMap): PlainMap {
  const result: PlainMap = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (markerApplied(result, key, value)) continue;
    result[key] = key in result && value !== null ? mergeField(key, result[key], value) : strip(value);
  }
  return result;
}

function mergeField(key: string, base: unknown, over: unknown): unknown {
  if (REPLACED.has(key)) return strip(over);
  if (KEY_VALUE.has(key)) return deepMerge(keyValues(base), keyValues(over));
  if (APPENDED.has(key)) return appendUnique(listOf(base), listOf(over), stableKey);
  switch (key) {
    case 'build':
      return mergeBuild(base, over);
    case 'healthcheck':
      return mergeHealthcheck(base, over);
    case 'depends_on':
      return deepMerge(namedMap(base, { condition: 'service_started' }), namedMap(over, { condition: 'service_started' }));
    case 'networks':
      return deepMerge(namedMap(base, null), namedMap(over, null));
    case 'ports':
      return appendUnique(listOf(base), listOf(over), portKey);
    case 'volumes':
      return appendUnique(listOf(base), listOf(over), volumeKey);
    case 'extra_hosts':
      return isPlainMap(base) && isPlainMap(over) ? deepMerge(base, over) : appendUnique(hostList(base), hostList(over), hostKey);
    case 'devices':
      return appendUnique(listOf(base), listOf(over), deviceKey);
    case 'links':
      return appendUnique(listOf(base), listOf(over), linkKey);
    case 'logging':
      return mergeLogging(base, over);
    case 'ulimits':
      return mergeUlimits(base, over);
    default:
      return deepMerge(base, over);
  }
}

function mergeBuild(base: unknown, over: unknown): unknown {
  const asMap = (value: unknown): PlainMap => (isPlainMap(value) ? value : { context: value });
  const a = asMap(base);
  const b = asMap(over);
  const merged = deepMerge({ ...a, args: undefined }, { ...b, args: undefined }) as PlainMap;
  if (a.args !== undefined || b.args !== undefined) merged.args = deepMerge(keyValues(a.args), keyValues(b.args));
  else delete merged.args;
  return merged;
}

// A healthcheck merges like a mapping, except that its test command is replaced like any command.
function mergeHealthcheck(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return strip(over);
  const { test, ...rest } = over;
  const merged = deepMerge(base, rest) as PlainMap;
  if (test !== undefined && !markerApplied(merged, 'test', test)) merged.test = strip(test);
  return merged;
}

// Options belong to a logging driver: compose merges them only when the driver stays the same (or one side names none).
function mergeLogging(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return strip(over);
  const sameDriver = base.driver === undefined || over.driver === undefined || base.driver === over.driver;
  return sameDriver ? deepMerge(base, over) : strip(over);
}

// Ulimits merge by name, and a later limit replaces the earlier one whole (its soft and hard values together).
function mergeUlimits(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return strip(over);
  const result = strip(base) as PlainMap;
  for (const [name, limit] of Object.entries(over)) {
    if (!markerApplied(result, name, limit)) result[name] = strip(limit);
  }
  return result;
}

/** Mappings merge key by key, lists append, anything else is replaced by the later value. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (over instanceof OverrideValue || over === RESET) return strip(over);
  if (isPlainMap(base) && isPlainMap(over)) {
    const result: PlainMap = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value === undefined || markerApplied(result, key, value)) continue;
      result[key] = key in result && value !== null ? deepMerge(result[key], value) : strip(value);
    }
    for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
    return result;
  }
  if (Array.isArray(base) && Array.isArray(over)) return appendUnique(base, over, stableKey);
  return strip(over);
}

// Applies `!reset` / `!override` to result[key]; true when the marker settled the key.
function markerApplied(result: PlainMap, key: string, value: unknown): boolean {
  if (value === RESET) {
    delete result[key];
    return true;
  }
  if (value instanceof OverrideValue) {
    result[key] = strip(value.value);
    return true;
  }
  return false;
}

function appendUnique(base: unknown[], over: unknown[], keyOf: (item: unknown) => string): unknown[] {
  const result = base.map(strip);
  const index = new Map(result.map((item, i) => [keyOf(item), i]));
  for (const raw of over) {
    if (raw === RESET) continue;
    const item = strip(raw);
    const key = keyOf(item);
    const existing = index.get(key);
    if (existing === undefined) {
      index.set(key, result.length);
      result.push(item);
    } else {
      result[existing] = item;
    }
  }
  return result;
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** KEY=value lists as mappings, keeping names without a value as null (taken from the environment later). */
function keyValues(value: unknown): PlainMap {
  if (isPlainMap(value)) return value;
  const result: PlainMap = {};
  for (const item of listOf(value)) {
    if (typeof item !== 'string' || item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) result[item] = null;
    else result[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return result;
}

/** depends_on and networks: a list of names as a mapping of names to `empty` settings. */
function namedMap(value: unknown, empty: unknown): PlainMap {
  if (isPlainMap(value)) return value;
  const result: PlainMap = {};
  for (const name of listOf(value)) if (typeof name === 'string') result[name] = empty === null ? null : { ...(empty as PlainMap) };
  return result;
}

function hostList(value: unknown): unknown[] {
  if (!isPlainMap(value)) return listOf(value);
  return Object.entries(value).flatMap(([host, ip]) => listOf(ip).map((address) => `${host}:${String(address)}`));
}

// "host=ip" and "host:ip" are the same entry, whether written in a list or taken from a mapping.
function hostKey(item: unknown): string {
  if (typeof item !== 'string') return stableKey(item);
  const match = /^([^=:]+)[=:](.*)$/.exec(item);
  return match ? `host:${match[1]}=${match[2]}` : stableKey(item);
}

// A device is identified by its path in the container ("host:container[:perms]", or the host path alone).
function deviceKey(item: unknown): string {
  if (isPlainMap(item) && typeof item.target === 'string') return `device:${item.target}`;
  if (typeof item !== 'string') return stableKey(item);
  const parts = item.split(':');
  return `device:${parts.length > 1 ? parts[1] : parts[0]}`;
}

// Compose keys a link by the text before "=", so a later "service=alias" replaces an earlier "service".
function linkKey(item: unknown): string {
  if (typeof item !== 'string') return stableKey(item);
  const eq = item.indexOf('=');
  return `link:${eq < 0 ? item : item.slice(0, eq)}`;
}

function portKey(item: unknown): string {
  const result = parsePort(item);
  if (!result.ok) return stableKey(item);
  const { hostIp, published, target, protocol } = result.port;
  return `port:${hostIp ?? ''}|${published ? `${published.start}-${published.end}` : ''}|${target.start}-${target.end}|${protocol}`;
}

function volumeKey(item: unknown): string {
  const result = parseVolume(item);
  return result.ok ? `target:${result.mount.target}` : stableKey(item);
}

function stableKey(item: unknown): string {
  return JSON.stringify(item, (_key, value: unknown) =>
    isPlainMap(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) : value,
  );
}

/** Removes `!reset` values and unwraps `!override` ones, for values that are not merged into anything. */
export function strip(value: unknown): unknown {
  if (value instanceof OverrideValue) return strip(value.value);
  if (Array.isArray(value)) return value.filter((item) => item !== RESET).map(strip);
  if (isPlainMap(value)) {
    const result: PlainMap = {};
    for (const [key, item] of Object.entries(value)) if (item !== RESET) result[key] = strip(item);
    return result;
  }
  return value;
}
