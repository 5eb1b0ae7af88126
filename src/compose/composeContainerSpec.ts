import type { ContainerCreateSpec, EndpointSettings, HostConfig, HostRestartPolicy, MountPropagation, MountSettings, PortMap } from '../engine/engineTypes';
import { applySettings, linkEntries } from './composeContainerSettings';
import { containerLabels } from './composeLabels';
import { ComposeFileMount, ComposeMount, ComposeProject, ComposeService } from './composeModelTypes';
import { PortMapping } from './composePorts';

export interface ContainerSpec {
  create: ContainerCreateSpec;
  /** Networks beyond the first: engine API 1.41 takes only one endpoint at create time. */
  extraNetworks: { name: string; config: EndpointSettings }[];
  /** Secrets and configs given as text, to copy into the container before it starts. */
  files: ComposeFileMount[];
}

/** The engine create request for one container of a service, labelled as compose labels it. */
export function containerSpec(project: ComposeProject, service: ComposeService, name: string, number: number, configHash: string): ContainerSpec {
  // On user-defined networks the engine resolves links per endpoint; compose sets them on both.
  const links = linkEntries(project, service.settings);
  // The highest priority network is the primary one; equal priorities keep the file's order.
  const ordered = Object.entries(service.networks).sort(([, a], [, b]) => (b.priority ?? 0) - (a.priority ?? 0));
  const endpoints = ordered.map(([key, settings]) => {
    const network = project.networks[key];
    const config: EndpointSettings = { Aliases: [...new Set([service.name, ...settings.aliases])] };
    const ipam = { IPv4Address: settings.ipv4Address, IPv6Address: settings.ipv6Address, LinkLocalIPs: settings.linkLocalIps };
    if (Object.values(ipam).some((value) => value !== undefined)) config.IPAMConfig = JSON.parse(JSON.stringify(ipam)) as EndpointSettings['IPAMConfig'];
    if (settings.macAddress) config.MacAddress = settings.macAddress;
    if (settings.driverOpts) config.DriverOpts = settings.driverOpts;
    if (links.length > 0) config.Links = links;
    return { name: network?.name ?? `${project.name}_${key}`, config, macAddress: settings.macAddress };
  });
  const [primary, ...others] = endpoints;
  const extraNetworks = others.map(({ name: network, config }) => ({ name: network, config }));
  const { exposed, bindings } = portSettings(service.ports);
  const { binds, mounts } = mountSettings(project, service.volumes);

  const host: HostConfig = {
    Binds: binds,
    Mounts: mounts,
    PortBindings: bindings,
    NetworkMode: primary?.name ?? 'none',
    ExtraHosts: service.extraHosts,
    CapAdd: service.capAdd,
    CapDrop: service.capDrop,
    Privileged: service.privileged,
  };
  if (service.restart) host.RestartPolicy = restartPolicy(service.restart);
  if (service.init !== undefined) host.Init = service.init;
  if (service.memLimit !== undefined) host.Memory = service.memLimit;
  if (service.nanoCpus !== undefined) host.NanoCpus = service.nanoCpus;

  const create: ContainerCreateSpec = {
    name,
    Image: service.image,
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    Labels: containerLabels(project, service, number, configHash),
    ExposedPorts: exposed,
    Tty: service.tty,
    OpenStdin: service.stdinOpen,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: host,
    NetworkingConfig: primary ? { EndpointsConfig: { [primary.name]: primary.config } } : undefined,
  };
  // Engines before API 1.44 take one MAC address, for the primary network, on the container.
  if (primary?.macAddress) create.MacAddress = primary.macAddress;
  if (service.command) create.Cmd = service.command;
  if (service.entrypoint) create.Entrypoint = service.entrypoint;
  if (service.workingDir) create.WorkingDir = service.workingDir;
  if (service.user) create.User = service.user;
  if (service.hostname) create.Hostname = service.hostname;
  if (service.healthcheck) {
    const h = service.healthcheck;
    create.Healthcheck = { Test: h.test, Interval: h.interval, Timeout: h.timeout, StartPeriod: h.startPeriod, Retries: h.retries };
    if (h.startInterval !== undefined) (create.Healthcheck as Record<string, unknown>).StartInterval = h.startInterval;
  }
  const files = service.settings ? applySettings(project, service.settings, create, host) : [];
  return { create, extraNetworks, files };
}

function restartPolicy(restart: string): HostRestartPolicy {
  const [name, count] = restart.split(':');
  return count === undefined ? { Name: name } : { Name: name, MaximumRetryCount: Number(count) };
}

function portSettings(ports: PortMapping[]): { exposed: Record<string, object>; bindings: PortMap } {
  const exposed: Record<string, object> = {};
  const bindings: PortMap = {};
  for (const port of ports) {
    const count = port.target.end - port.target.start + 1;
    for (let i = 0; i < count; i++) {
      const key = `${port.target.start + i}/${port.protocol}`;
      exposed[key] = {};
      // A published range as long as the target range maps one to one; a single host port maps each.
      let hostPort = '';
      if (port.published) {
        const span = port.published.end - port.published.start + 1;
        hostPort = span === count ? String(port.published.start + i) : span === 1 ? String(port.published.start) : `${port.published.start}-${port.published.end}`;
      }
      (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: hostPort });
    }
  }
  return { exposed, bindings };
}

const PROPAGATIONS = ['shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate'];

function mountSettings(project: ComposeProject, volumes: ComposeMount[]): { binds: string[]; mounts: MountSettings[] } {
  const binds: string[] = [];
  const mounts: MountSettings[] = [];
  for (const mount of volumes) {
    if (mount.type === 'bind' && mount.source !== undefined) {
      // SELinux relabelling has no Mounts field, so those binds go as Binds too.
      if (mount.createHostPath || mount.options.includes('z') || mount.options.includes('Z')) {
        // Binds (not Mounts) make the engine create a missing host folder, as the short syntax does.
        const flags = [mount.readOnly ? 'ro' : 'rw', ...mount.options];
        binds.push(`${mount.source}:${mount.target}:${flags.join(',')}`);
      } else {
        const settings: MountSettings = { Type: 'bind', Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly };
        const propagation = mount.options.find((option) => PROPAGATIONS.includes(option));
        if (propagation) settings.BindOptions = { Propagation: propagation as MountPropagation };
        mounts.push(settings);
      }
    } else if (mount.type === 'volume') {
      const source = mount.source === undefined ? undefined : project.volumes[mount.source]?.name ?? mount.source;
      // An empty Source is how the engine API asks for an anonymous volume.
      const settings: MountSettings = { Type: 'volume', Source: source ?? '', Target: mount.target, ReadOnly: mount.readOnly };
      const volumeOptions: Record<string, unknown> = {};
      if (mount.options.includes('nocopy')) volumeOptions.NoCopy = true;
      if (mount.subpath !== undefined) volumeOptions.Subpath = mount.subpath;
      if (Object.keys(volumeOptions).length > 0) settings.VolumeOptions = volumeOptions as MountSettings['VolumeOptions'];
      mounts.push(settings);
    } else if (mount.type === 'tmpfs') {
      const settings: MountSettings = { Type: 'tmpfs', Source: '', Target: mount.target };
      if (mount.tmpfsSize !== undefined || mount.tmpfsMode !== undefined) settings.TmpfsOptions = { SizeBytes: mount.tmpfsSize, Mode: mount.tmpfsMode } as MountSettings['TmpfsOptions'];
      mounts.push(settings);
    }
  }
  return { binds, mounts };
}
