import { isIP } from 'node:net';
import { isSeq } from 'yaml';
import { exposedPorts } from './composeModelSettings';
import { PULL_POLICIES } from './composeSchema';
import { parseByteSize, parseDuration } from './composeUnits';
import { scalarValue, Target, ValidationContext, valueOf } from './composeValidateContext';
import { validateBlkio, validateDevices, validateFileMounts, validateGpus, validateHooks, validateLogging, validateUlimits } from './composeValidateSettingsParts';
import { MapEntry } from './composeYaml';

type Check = (ctx: ValidationContext, entry: MapEntry, path: string) => void;

/**
 * Checks the value of one of the service keys read by composeModelSettings, at its range; returns
 * false for keys it does not know so the caller can check those itself.
 */
export function validateSettingsKey(ctx: ValidationContext, entry: MapEntry, path: string): boolean {
  const check = CHECKS[entry.key];
  if (!check) return false;
  check(ctx, entry, path);
  return true;
}

const string: Check = (ctx, entry, path) => void ctx.string(entry, path);
const boolean: Check = (ctx, entry, path) => void ctx.boolean(entry, path);
const stringList: Check = (ctx, entry, path) => void ctx.stringList(entry, path);
const mapOrList: Check = (ctx, entry, path) => ctx.mapOrList(entry, path, false);

function stringOrList(each?: (text: string) => string | undefined): Check {
  return (ctx, entry, path) => {
    const check = (target: Target, itemPath: string): void => {
      const text = ctx.string(target, itemPath);
      const problem = text === undefined ? undefined : each?.(text);
      if (problem !== undefined) ctx.error(target, 'invalid-value', `${itemPath}: ${problem}`);
    };
    const node = valueOf(entry);
    if (!isSeq(node)) return check(entry, path);
    ctx.items(node).forEach((item, i) => item && check(item, `${path}[${i}]`));
  };
}

function listOf(each: (text: string) => string | undefined): Check {
  return (ctx, entry, path) => {
    const seq = ctx.seq(entry, path);
    if (!seq) return;
    ctx.items(seq).forEach((item, i) => {
      const text = item ? ctx.string(item, `${path}[${i}]`) : undefined;
      const problem = text === undefined ? undefined : each(text);
      if (item && problem !== undefined) ctx.error(item, 'invalid-value', `${path}[${i}]: ${problem}`);
    });
  };
}

function matching(pattern: RegExp, expected: string): Check {
  return (ctx, entry, path) => {
    const text = ctx.string(entry, path);
    if (text !== undefined && !pattern.test(text)) ctx.error(entry, 'invalid-value', `${path} must be ${expected}; got "${text}".`);
  };
}

export function integerIn(min: number, max: number): Check {
  return (ctx, entry, path) => {
    const value = scalarValue(valueOf(entry));
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return;
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    ctx.error(entry, typeof value === 'number' ? 'invalid-value' : 'wrong-type', `${path} must be an integer ${range}.`);
  };
}

export function byteSize(allowMinusOne: boolean): Check {
  return (ctx, entry, path) => {
    const value = scalarValue(valueOf(entry));
    if (allowMinusOne && (value === -1 || value === '-1')) return;
    if ((typeof value === 'number' || typeof value === 'string') && parseByteSize(value) !== undefined) return;
    ctx.error(entry, 'invalid-value', `${path} must be a size such as 64m or 1g, or a number of bytes${allowMinusOne ? ' (-1 for unlimited)' : ''}.`);
  };
}

const duration: Check = (ctx, entry, path) => {
  const text = ctx.string(entry, path);
  if (text !== undefined && parseDuration(text) === undefined) ctx.error(entry, 'invalid-value', `${path} must be a duration such as 10s or 1m30s; got "${text}".`);
};

/** Microseconds as a number, or a duration. */
const micros: Check = (ctx, entry, path) => {
  const value = scalarValue(valueOf(entry));
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  if (typeof value === 'string' && parseDuration(value) !== undefined) return;
  ctx.error(entry, 'invalid-value', `${path} must be a number of microseconds or a duration such as 400ms.`);
};

const MODES = 'host, none, bridge, service:<name> or container:<name>';

const networkMode: Check = (ctx, entry, path) => {
  const text = ctx.string(entry, path);
  if (text === undefined) return;
  if (/^(service|container):$/.test(text) || text === '') ctx.error(entry, 'invalid-value', `${path} must be ${MODES}; "${text}" names nothing.`);
};

function namespace(plain: string[]): Check {
  return (ctx, entry, path) => {
    const text = ctx.string(entry, path);
    if (text === undefined || plain.includes(text) || /^(service|container):.+$/.test(text)) return;
    ctx.error(entry, 'invalid-value', `${path} must be one of ${plain.join(', ')}, service:<name> or container:<name>; got "${text}".`);
  };
}

function oneOf(values: readonly string[]): Check {
  return (ctx, entry, path) => {
    const text = ctx.string(entry, path);
    if (text !== undefined && !values.includes(text)) ctx.error(entry, 'invalid-value', `${path} must be one of ${values.join(', ')}; got "${text}".`);
  };
}

const pullPolicy: Check = (ctx, entry, path) => {
  const text = ctx.string(entry, path);
  if (text === undefined || PULL_POLICIES.includes(text) || /^every_/.test(text)) return;
  ctx.error(entry, 'invalid-value', `${path} must be one of ${PULL_POLICIES.join(', ')} or every_<duration>; got "${text}".`);
};

const absolutePath = (text: string): string | undefined => (text.split(':')[0].startsWith('/') ? undefined : `"${text}" must start with an absolute container path.`);
// An empty server (`dns: ${UNSET}` interpolated away) is dropped, as compose drops it.
const dnsServer = (text: string): string | undefined => (text === '' || isIP(text) !== 0 ? undefined : `"${text}" is not an IP address.`);
const exposeSpec = (text: string): string | undefined => (exposedPorts(text).length > 0 ? undefined : `"${text}" must be a port or range, optionally with /tcp, /udp or /sctp.`);
const linkSpec = (text: string): string | undefined => (/^[^:]+(:[^:]+)?$/.test(text) ? undefined : `"${text}" must have the form NAME or NAME:ALIAS.`);
const volumesFromSpec = (text: string): string | undefined =>
  /^((service|container):)?[^:]+(:(ro|rw))?$/.test(text) ? undefined : `"${text}" must have the form [service:|container:]NAME[:ro|:rw].`;

const storageOpt: Check = (ctx, entry, path) => {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const field of ctx.entries(map)) ctx.string(field, `${path}.${field.key}`);
};

const CHECKS: Record<string, Check> = {
  read_only: boolean,
  attach: boolean,
  oom_kill_disable: boolean,
  network_mode: networkMode,
  ipc: namespace(['host', 'private', 'shareable', 'none']),
  pid: namespace(['host']),
  uts: oneOf(['host']),
  cgroup: oneOf(['host', 'private']),
  isolation: oneOf(['default', 'process', 'hyperv']),
  userns_mode: string,
  cgroup_parent: string,
  domainname: string,
  runtime: string,
  stop_signal: matching(/^(SIG[A-Z0-9+-]+|[A-Z][A-Z0-9+-]*|\d+)$/, 'a signal such as SIGTERM, SIGINT or 15'),
  cpuset: matching(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'a CPU list such as 0-3 or 0,1'),
  mac_address: matching(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/, 'a MAC address such as 02:42:ac:11:00:02'),
  platform: matching(/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/, 'os/arch[/variant] such as linux/amd64 or linux/arm64/v8'),
  pull_policy: pullPolicy,
  stop_grace_period: duration,
  expose: listOf(exposeSpec),
  links: listOf(linkSpec),
  external_links: listOf(linkSpec),
  volumes_from: listOf(volumesFromSpec),
  security_opt: stringList,
  group_add: stringList,
  device_cgroup_rules: stringList,
  dns: stringOrList(dnsServer),
  dns_search: stringOrList(),
  dns_opt: stringList,
  tmpfs: stringOrList(absolutePath),
  sysctls: mapOrList,
  annotations: mapOrList,
  storage_opt: storageOpt,
  ulimits: validateUlimits,
  logging: validateLogging,
  devices: validateDevices,
  blkio_config: validateBlkio,
  gpus: validateGpus,
  secrets: validateFileMounts,
  post_start: validateHooks,
  pre_stop: validateHooks,
  configs: validateFileMounts,
  pids_limit: integerIn(-1, Number.MAX_SAFE_INTEGER),
  cpu_count: integerIn(0, Number.MAX_SAFE_INTEGER),
  cpu_percent: integerIn(0, 100),
  cpu_shares: integerIn(0, Number.MAX_SAFE_INTEGER),
  mem_swappiness: integerIn(0, 100),
  oom_score_adj: integerIn(-1000, 1000),
  scale: integerIn(0, Number.MAX_SAFE_INTEGER),
  cpu_period: micros,
  cpu_quota: micros,
  cpu_rt_period: micros,
  cpu_rt_runtime: micros,
  shm_size: byteSize(false),
  mem_reservation: byteSize(false),
  memswap_limit: byteSize(true),
};
