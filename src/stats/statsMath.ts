// Derives the numbers `docker stats` shows from one `/containers/{id}/stats?stream=false` response.
// Every value is optional: the engine omits whole sections for stopped containers, cgroup v2 hosts
// lack some v1 fields, and a one-shot read has no previous CPU reading. A value that cannot be
// derived is `undefined`, never NaN or Infinity, so charts and the store can show a gap.

/** One point of a container's resource usage, as charted and stored. */
export interface ContainerSample {
  containerId: string;
  containerName: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  cpuPercent?: number;
  memoryUsedBytes?: number;
  memoryLimitBytes?: number;
  memoryPercent?: number;
  networkRxBytes?: number;
  networkTxBytes?: number;
  blockReadBytes?: number;
  blockWriteBytes?: number;
  pids?: number;
}

// The engine's JSON, typed loosely on purpose: any field may be missing or null depending on the
// engine version, the cgroup version and the container's state.
export interface RawCpuStats {
  cpu_usage?: { total_usage?: number | null; percpu_usage?: number[] | null } | null;
  system_cpu_usage?: number | null;
  online_cpus?: number | null;
}

export interface RawBlkioEntry {
  major?: number;
  minor?: number;
  op?: string | null;
  value?: number | null;
}

export interface RawContainerStats {
  id?: string;
  name?: string;
  read?: string;
  cpu_stats?: RawCpuStats | null;
  precpu_stats?: RawCpuStats | null;
  memory_stats?: {
    usage?: number | null;
    limit?: number | null;
    stats?: Record<string, number | null | undefined> | null;
  } | null;
  networks?: Record<string, { rx_bytes?: number | null; tx_bytes?: number | null } | null> | null;
  blkio_stats?: { io_service_bytes_recursive?: RawBlkioEntry[] | null } | null;
  pids_stats?: { current?: number | null; limit?: number | null } | null;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * CPU % on the docker CLI's scale (100 per fully used core): the container's share of the host's
 * CPU time between the previous and the current reading, times the number of online CPUs.
 */
export function cpuPercent(stats: RawContainerStats): number | undefined {
  const cpu = stats.cpu_stats;
  const pre = stats.precpu_stats;
  const total = finite(cpu?.cpu_usage?.total_usage);
  const preTotal = finite(pre?.cpu_usage?.total_usage);
  const system = finite(cpu?.system_cpu_usage);
  const preSystem = finite(pre?.system_cpu_usage);
  if (total === undefined || preTotal === undefined || system === undefined || preSystem === undefined) return undefined;
  // A zero previous system reading means there was no previous reading (one-shot, first read).
  if (preSystem <= 0) return undefined;
  const systemDelta = system - preSystem;
  const cpuDelta = total - preTotal;
  if (systemDelta <= 0) return undefined;
  // Usage going backwards means the cgroup was recreated (restart) between the two readings.
  if (cpuDelta < 0) return undefined;
  const cpus = onlineCpus(cpu);
  if (cpus === undefined) return undefined;
  return (cpuDelta / systemDelta) * cpus * 100;
}

function onlineCpus(cpu: RawCpuStats | null | undefined): number | undefined {
  const online = finite(cpu?.online_cpus);
  if (online !== undefined && online > 0) return online;
  const perCpu = cpu?.cpu_usage?.percpu_usage;
  return Array.isArray(perCpu) && perCpu.length > 0 ? perCpu.length : undefined;
}

/**
 * Memory in use without the reclaimable page cache, as the docker CLI computes it: cgroup v1
 * subtracts `total_inactive_file`, cgroup v2 `inactive_file`, each only when smaller than usage.
 */
export function memoryUsedBytes(stats: RawContainerStats): number | undefined {
  const memory = stats.memory_stats;
  const usage = finite(memory?.usage);
  if (usage === undefined) return undefined;
  const detail = memory?.stats ?? {};
  const v1Inactive = finite(detail.total_inactive_file);
  if (v1Inactive !== undefined && v1Inactive < usage) return usage - v1Inactive;
  const v2Inactive = finite(detail.inactive_file) ?? 0;
  if (v2Inactive < usage) return usage - v2Inactive;
  return usage;
}

export function memoryLimitBytes(stats: RawContainerStats): number | undefined {
  const limit = finite(stats.memory_stats?.limit);
  // A zero limit is what a container without cgroup data reports, not a real limit.
  return limit !== undefined && limit > 0 ? limit : undefined;
}

/** used / limit × 100; shared with the history store so stored and live values agree exactly. */
export function percentOf(used: number | undefined, limit: number | undefined): number | undefined {
  if (used === undefined || limit === undefined || !(limit > 0)) return undefined;
  const percent = (used / limit) * 100;
  return Number.isFinite(percent) ? percent : undefined;
}

export function memoryPercent(stats: RawContainerStats): number | undefined {
  return percentOf(memoryUsedBytes(stats), memoryLimitBytes(stats));
}

/** Received and sent bytes summed over every interface; undefined when no interface reports. */
export function networkTotals(stats: RawContainerStats): { rxBytes?: number; txBytes?: number } {
  const networks = stats.networks;
  if (!networks || typeof networks !== 'object') return {};
  let rx: number | undefined;
  let tx: number | undefined;
  for (const iface of Object.values(networks)) {
    const ifaceRx = finite(iface?.rx_bytes);
    const ifaceTx = finite(iface?.tx_bytes);
    if (ifaceRx !== undefined) rx = (rx ?? 0) + ifaceRx;
    if (ifaceTx !== undefined) tx = (tx ?? 0) + ifaceTx;
  }
  return { rxBytes: rx, txBytes: tx };
}

/**
 * Bytes read and written, summed over devices from `io_service_bytes_recursive` (cgroup v1 names
 * the ops "Read"/"Write" next to "Sync", "Total" and others; cgroup v2 "read"/"write").
 * An empty list is a real zero; a missing list means the engine reported nothing.
 */
export function blockIoTotals(stats: RawContainerStats): { readBytes?: number; writeBytes?: number } {
  const entries = stats.blkio_stats?.io_service_bytes_recursive;
  if (!Array.isArray(entries)) return {};
  let read = 0;
  let write = 0;
  for (const entry of entries) {
    const value = finite(entry?.value);
    if (value === undefined || typeof entry.op !== 'string') continue;
    const op = entry.op.toLowerCase();
    if (op === 'read') read += value;
    else if (op === 'write') write += value;
  }
  return { readBytes: read, writeBytes: write };
}

export function pidsCurrent(stats: RawContainerStats): number | undefined {
  return finite(stats.pids_stats?.current);
}

/** The container's name from the stats body ("/name"), without the leading slash. */
export function statsContainerName(stats: RawContainerStats): string | undefined {
  const name = typeof stats.name === 'string' ? stats.name.replace(/^\//, '') : '';
  return name.length > 0 ? name : undefined;
}

export interface SampleIdentity {
  containerId: string;
  /** Falls back to the name in the stats body, then to the id. */
  containerName?: string;
  /** When the sample was taken (ms epoch); the caller's clock, so history lines up locally. */
  timestamp: number;
}

export function sampleFromStats(stats: RawContainerStats, identity: SampleIdentity): ContainerSample {
  const used = memoryUsedBytes(stats);
  const limit = memoryLimitBytes(stats);
  const network = networkTotals(stats);
  const block = blockIoTotals(stats);
  const sample: ContainerSample = {
    containerId: identity.containerId,
    containerName: identity.containerName ?? statsContainerName(stats) ?? identity.containerId,
    timestamp: identity.timestamp,
  };
  assignDefined(sample, 'cpuPercent', cpuPercent(stats));
  assignDefined(sample, 'memoryUsedBytes', used);
  assignDefined(sample, 'memoryLimitBytes', limit);
  assignDefined(sample, 'memoryPercent', percentOf(used, limit));
  assignDefined(sample, 'networkRxBytes', network.rxBytes);
  assignDefined(sample, 'networkTxBytes', network.txBytes);
  assignDefined(sample, 'blockReadBytes', block.readBytes);
  assignDefined(sample, 'blockWriteBytes', block.writeBytes);
  assignDefined(sample, 'pids', pidsCurrent(stats));
  return sample;
}

export type SampleMetric = Exclude<keyof ContainerSample, 'containerId' | 'containerName' | 'timestamp'>;

// Leaves absent keys absent (rather than present-but-undefined) so samples compare cleanly.
export function assignDefined(sample: ContainerSample, key: SampleMetric, value: number | undefined): void {
  if (value !== undefined) sample[key] = value;
}
