import type { ContainerCreateSpec, HostConfig } from '../engine/engineTypes';
import { containerName } from './composeLabels';
import { ComposeFileMount, ComposeProject, ComposeSettings } from './composeModelTypes';

/**
 * Adds a service's less common settings to its create request, mapped as docker compose maps them
 * (the HostConfig field of each key is what `docker inspect` shows for a compose-made container).
 * Returns the secrets and configs whose text has to be copied in before the container starts.
 */
export function applySettings(project: ComposeProject, settings: ComposeSettings, create: ContainerCreateSpec, host: HostConfig): ComposeFileMount[] {
  const s = settings;
  const set = <K extends keyof HostConfig>(key: K, value: HostConfig[K] | undefined): void => {
    if (value !== undefined) host[key] = value;
  };
  if (s.expose) for (const port of s.expose) (create.ExposedPorts ??= {})[port] = {};
  if (s.networkMode !== undefined) host.NetworkMode = namespaceMode(project, s.networkMode);
  set('IpcMode', s.ipc === undefined ? undefined : namespaceMode(project, s.ipc));
  set('PidMode', s.pid === undefined ? undefined : namespaceMode(project, s.pid));
  set('ReadonlyRootfs', s.readOnly);
  set('SecurityOpt', s.securityOpt);
  set('Tmpfs', s.tmpfs);
  const links = linkEntries(project, s);
  if (links.length > 0) host.Links = links;
  set('Sysctls', s.sysctls);
  set('Dns', s.dns);
  set('DnsSearch', s.dnsSearch);
  set('DnsOptions', s.dnsOpt);
  set('Ulimits', s.ulimits?.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })));
  set('Runtime', s.runtime);
  set('PidsLimit', s.pidsLimit);
  if (s.logging) host.LogConfig = { Type: s.logging.driver ?? '', Config: s.logging.options };
  set('MemorySwap', s.memswapLimit);
  set('MemoryReservation', s.memReservation);
  set('MemorySwappiness', s.memSwappiness);
  set('OomKillDisable', s.oomKillDisable);
  set('OomScoreAdj', s.oomScoreAdj);
  set('ShmSize', s.shmSize);
  set('Devices', s.devices?.map((d) => ({ PathOnHost: d.source, PathInContainer: d.target, CgroupPermissions: d.permissions })));
  set('DeviceCgroupRules', s.deviceCgroupRules);
  set(
    'DeviceRequests',
    s.deviceRequests?.map((r) => ({ Driver: r.driver ?? '', Count: r.count ?? 0, DeviceIDs: r.deviceIds, Capabilities: [r.capabilities], Options: r.options })),
  );
  set('UTSMode', s.uts);
  set('UsernsMode', s.usernsMode);
  if (s.cgroup !== undefined) (host as Record<string, unknown>).CgroupnsMode = s.cgroup;
  set('CgroupParent', s.cgroupParent);
  set('Isolation', s.isolation);
  set('GroupAdd', s.groupAdd);
  if (s.annotations) (host as Record<string, unknown>).Annotations = s.annotations;
  set('StorageOpt', s.storageOpt);
  set('VolumesFrom', s.volumesFrom?.map((entry) => volumesFromEntry(project, entry)));
  if (s.blkio) {
    const b = s.blkio;
    const throttle = (list: { path: string; rate: number }[] | undefined): { Path: string; Rate: number }[] | undefined => list?.map((t) => ({ Path: t.path, Rate: t.rate }));
    set('BlkioWeight', b.weight);
    set('BlkioWeightDevice', b.weightDevice?.map((w) => ({ Path: w.path, Weight: w.weight })));
    set('BlkioDeviceReadBps', throttle(b.deviceReadBps));
    set('BlkioDeviceWriteBps', throttle(b.deviceWriteBps));
    set('BlkioDeviceReadIOps', throttle(b.deviceReadIops));
    set('BlkioDeviceWriteIOps', throttle(b.deviceWriteIops));
  }
  set('CpuCount', s.cpuCount);
  set('CpuPercent', s.cpuPercent);
  set('CpuPeriod', s.cpuPeriod);
  set('CpuQuota', s.cpuQuota);
  set('CpuRealtimePeriod', s.cpuRtPeriod);
  set('CpuRealtimeRuntime', s.cpuRtRuntime);
  set('CpuShares', s.cpuShares);
  set('CpusetCpus', s.cpuset);

  if (s.stopSignal !== undefined) create.StopSignal = s.stopSignal;
  if (s.stopGracePeriod !== undefined) create.StopTimeout = s.stopGracePeriod;
  if (s.domainname !== undefined) create.Domainname = s.domainname;
  if (s.macAddress !== undefined) create.MacAddress = s.macAddress;
  if (s.platform !== undefined) create.platform = s.platform;

  const files = [...(s.secrets ?? []), ...(s.configs ?? [])];
  for (const file of files) {
    if (file.file === undefined) continue;
    // A secret missing on the host must fail the deploy, not turn into an empty folder: Mounts, not Binds.
    (host.Mounts ??= []).push({ Type: 'bind', Source: file.file, Target: file.target, ReadOnly: true });
  }
  return files.filter((file) => file.file === undefined && file.content !== undefined);
}

/** `container:alias` for `links` (to each linked service's first container) and `external_links`. */
export function linkEntries(project: ComposeProject, settings: ComposeSettings | undefined): string[] {
  // The container's own name as a link too, as compose writes it, so both names resolve.
  const internal = (settings?.links ?? []).flatMap((l) => {
    const name = linkedName(project, l.service);
    return [`${name}:${l.alias}`, `${name}:${name}`];
  });
  return [...new Set([...internal, ...(settings?.externalLinks ?? [])])];
}

/** `service:x` names x's first container, as the engine only knows containers. */
function namespaceMode(project: ComposeProject, mode: string): string {
  if (!mode.startsWith('service:')) return mode;
  return `container:${linkedName(project, mode.slice('service:'.length))}`;
}

function linkedName(project: ComposeProject, service: string): string {
  const target = project.services[service];
  return target ? containerName(project, target, 1) : `${project.name}-${service}-1`;
}

function volumesFromEntry(project: ComposeProject, entry: string): string {
  if (entry.startsWith('container:')) return entry.slice('container:'.length);
  const [name, mode] = entry.slice('service:'.length).split(':');
  const container = linkedName(project, name);
  return mode === undefined ? container : `${container}:${mode}`;
}
