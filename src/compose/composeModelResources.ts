import { ComposeBlkio, ComposeDeviceRequest } from './composeModelTypes';
import { asString, asStringList, isPlainMap, keyValueMap } from './composeModelValues';
import { parseByteSize, parseDuration, parseNanoCpus } from './composeUnits';

/** What `deploy.resources` sets on one engine; `reservations.cpus` is swarm scheduling and has no engine field. */
export interface DeployResources {
  memLimit?: number;
  nanoCpus?: number;
  pidsLimit?: number;
  memReservation?: number;
  devices?: ComposeDeviceRequest[];
}

export function deployResources(value: unknown): DeployResources {
  if (!isPlainMap(value)) return {};
  const limits = isPlainMap(value.limits) ? value.limits : {};
  const reservations = isPlainMap(value.reservations) ? value.reservations : {};
  const result: DeployResources = {
    memLimit: byteSize(limits.memory),
    nanoCpus: typeof limits.cpus === 'string' || typeof limits.cpus === 'number' ? parseNanoCpus(limits.cpus) : undefined,
    pidsLimit: integer(limits.pids),
    memReservation: byteSize(reservations.memory),
  };
  if (Array.isArray(reservations.devices)) result.devices = reservations.devices.flatMap((device: unknown) => (isPlainMap(device) ? [deviceRequest(device)] : []));
  return result;
}

/** `gpus: all` or a list of GPU requests, then the reserved devices, as engine DeviceRequests. */
export function deviceRequests(gpus: unknown, reserved: ComposeDeviceRequest[] | undefined): ComposeDeviceRequest[] | undefined {
  const result: ComposeDeviceRequest[] = [];
  if (gpus === 'all') result.push({ count: -1, capabilities: ['gpu'] });
  else if (Array.isArray(gpus)) {
    for (const gpu of gpus) {
      if (!isPlainMap(gpu)) continue;
      const request = deviceRequest(gpu);
      if (!request.capabilities.includes('gpu')) request.capabilities.push('gpu');
      result.push(request);
    }
  }
  result.push(...(reserved ?? []));
  return result.length > 0 ? result : undefined;
}

/** A device request's count as the engine takes it: "all" and -1 are -1 (every device); compose converts numeric strings. */
export function deviceCount(value: unknown): number | undefined {
  if (value === 'all' || value === -1 || value === '-1') return -1;
  const count = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 1 ? count : undefined;
}

function deviceRequest(def: Record<string, unknown>): ComposeDeviceRequest {
  const request: ComposeDeviceRequest = { capabilities: asStringList(def.capabilities) };
  const driver = asString(def.driver);
  if (driver !== undefined) request.driver = driver;
  const count = deviceCount(def.count);
  if (count !== undefined) request.count = count;
  const ids = asStringList(def.device_ids);
  if (ids.length > 0) request.deviceIds = ids;
  if (isPlainMap(def.options)) request.options = keyValueMap(def.options);
  return request;
}

export function blkioConfig(value: unknown): ComposeBlkio | undefined {
  if (!isPlainMap(value)) return undefined;
  const blkio: ComposeBlkio = {};
  const weight = integer(value.weight);
  if (weight !== undefined) blkio.weight = weight;
  const weights = pathValues(value.weight_device, 'weight', integer);
  if (weights) blkio.weightDevice = weights.map(({ path, value: w }) => ({ path, weight: w }));
  const throttles: [keyof ComposeBlkio, unknown, (raw: unknown) => number | undefined][] = [
    ['deviceReadBps', value.device_read_bps, byteSize],
    ['deviceWriteBps', value.device_write_bps, byteSize],
    ['deviceReadIops', value.device_read_iops, integer],
    ['deviceWriteIops', value.device_write_iops, integer],
  ];
  for (const [key, raw, read] of throttles) {
    const entries = pathValues(raw, 'rate', read);
    if (entries) (blkio as Record<string, unknown>)[key] = entries.map(({ path, value: rate }) => ({ path, rate }));
  }
  return Object.keys(blkio).length > 0 ? blkio : undefined;
}

function pathValues(value: unknown, field: string, read: (raw: unknown) => number | undefined): { path: string; value: number }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const result = value.flatMap((entry: unknown) => {
    if (!isPlainMap(entry)) return [];
    const path = asString(entry.path);
    const number = read(entry[field]);
    return path === undefined || number === undefined ? [] : [{ path, value: number }];
  });
  return result.length > 0 ? result : undefined;
}

export function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function byteSize(value: unknown): number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? parseByteSize(value) : undefined;
}

/** CPU periods and quotas: a number of microseconds, or a duration such as `400ms`. */
export function cpuMicros(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^-?\d+$/.test(value.trim())) return Number(value);
  const nanos = parseDuration(value);
  return nanos === undefined ? undefined : Math.floor(nanos / 1000);
}
