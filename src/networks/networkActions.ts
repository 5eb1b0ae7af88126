import type { EngineClient } from '../engine/engineClient';
import type { NetworkCreateSpec, NetworkInspect } from '../engine/engineTypes';
import { engineActionError, EngineActionError, usedByText } from '../engine/actionErrors';
import { contains, hostMask, ipFamily, ipToBigInt, networkOf, parseCidr } from './cidr';

export interface NetworkCreateOptions {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  internal?: boolean;
  attachable?: boolean;
}

/** Networks the engine creates itself and never lets anyone remove. */
export const BUILTIN_NETWORK_NAMES: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

/**
 * Checks a network before it is created. The engine itself accepts names with spaces and subnets with
 * host bits set, which only cause trouble later, so those are refused here too.
 */
export function validateNetworkOptions(o: NetworkCreateOptions): string | undefined {
  const name = o.name.trim();
  if (!name) return 'Enter a network name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    return `Network names must start with a letter or digit and contain only letters, digits, '_', '.' and '-': '${o.name}'`;
  }
  if (BUILTIN_NETWORK_NAMES.has(name)) return `'${name}' is the name of a built-in network.`;
  if (o.driver !== undefined && o.driver.trim() !== '' && !/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/.test(o.driver.trim())) {
    return `'${o.driver}' is not a valid network driver name.`;
  }
  const subnetText = o.subnet?.trim();
  const gatewayText = o.gateway?.trim();
  if (!subnetText) {
    return gatewayText ? 'A gateway needs a subnet to belong to; enter the subnet too.' : undefined;
  }
  const subnet = parseCidr(subnetText);
  if (typeof subnet === 'string') return `Invalid subnet: ${subnet}.`;
  if ((subnet.address & hostMask(subnet)) !== 0n) {
    return `Subnet ${subnetText} has host bits set; did you mean ${networkOf(subnet)}?`;
  }
  if (!gatewayText) return undefined;
  const family = ipFamily(gatewayText);
  if (!family) return `Invalid gateway: '${gatewayText}' is not an IP address.`;
  if (family !== subnet.family) return `The gateway ${gatewayText} is not of the same IP version as the subnet ${subnetText}.`;
  const gateway = ipToBigInt(gatewayText);
  if (!contains(subnet, gateway)) return `The gateway ${gatewayText} is outside the subnet ${subnetText}.`;
  const mask = hostMask(subnet);
  if (mask > 1n && (gateway & mask) === 0n) return `The gateway ${gatewayText} is the subnet's network address; use a host address such as the first one.`;
  if (subnet.family === 4 && mask > 1n && (gateway & mask) === mask) return `The gateway ${gatewayText} is the subnet's broadcast address.`;
  return undefined;
}

/** Creates a network after validating it; resolves with the engine's ID for it. */
export async function createNetwork(client: EngineClient, o: NetworkCreateOptions & { labels?: Record<string, string> }): Promise<string> {
  const problem = validateNetworkOptions(o);
  if (problem) throw new EngineActionError(problem);
  const subnet = o.subnet?.trim();
  const gateway = o.gateway?.trim();
  const options: NetworkCreateSpec = {
    Name: o.name.trim(),
    Driver: o.driver?.trim() || 'bridge',
    CheckDuplicate: true,
    Internal: o.internal ?? false,
    Attachable: o.attachable ?? false,
    Labels: o.labels ?? {},
  };
  if (subnet) {
    options.IPAM = { Driver: 'default', Config: [gateway ? { Subnet: subnet, Gateway: gateway } : { Subnet: subnet }] };
    if (ipFamily(subnet.split('/')[0]) === 6) options.EnableIPv6 = true;
  }
  try {
    return await client.createNetwork(options);
  } catch (err) {
    throw engineActionError(err);
  }
}

/** The containers with an endpoint on a network (running ones: stopped containers have none). */
export async function networkContainers(client: EngineClient, idOrName: string): Promise<{ id: string; name: string }[]> {
  let info: NetworkInspect;
  try {
    info = (await client.inspectNetwork(idOrName)) as NetworkInspect;
  } catch (err) {
    throw engineActionError(err);
  }
  return Object.entries(info.Containers ?? {})
    .map(([id, c]) => ({ id, name: c.Name || id.slice(0, 12) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Removes a network. Built-in networks and networks with containers attached are refused here, naming
 * the containers, without a request to remove.
 */
export async function removeNetwork(client: EngineClient, idOrName: string): Promise<void> {
  let info: NetworkInspect;
  try {
    info = (await client.inspectNetwork(idOrName)) as NetworkInspect;
  } catch (err) {
    throw engineActionError(err);
  }
  if (BUILTIN_NETWORK_NAMES.has(info.Name)) {
    throw new EngineActionError(`'${info.Name}' is a built-in network; the engine does not allow removing it.`);
  }
  const attached = Object.entries(info.Containers ?? {}).map(([id, c]) => c.Name || id.slice(0, 12)).sort((a, b) => a.localeCompare(b));
  if (attached.length > 0) {
    throw new EngineActionError(`Network '${info.Name}' has active endpoints ${usedByText(attached)}; disconnect or stop them first.`);
  }
  try {
    await client.removeNetwork(info.Id);
  } catch (err) {
    // A container may have connected since the check; name it as above.
    const now = await networkContainers(client, info.Id).catch(() => []);
    throw engineActionError(err, now.length > 0 ? usedByText(now.map((c) => c.name)) : undefined);
  }
}

export async function connectNetwork(client: EngineClient, network: string, container: string): Promise<void> {
  try {
    await client.connectNetwork(network, container);
  } catch (err) {
    throw engineActionError(err);
  }
}

export async function disconnectNetwork(client: EngineClient, network: string, container: string, force = false): Promise<void> {
  try {
    await client.disconnectNetwork(network, container, force);
  } catch (err) {
    throw engineActionError(err);
  }
}
