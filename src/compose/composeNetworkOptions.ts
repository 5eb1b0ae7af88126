import type { IpamConfig, NetworkCreateSpec } from '../engine/engineTypes';
import { ComposeIpamPool, ComposeNetwork } from './composeModelTypes';

/** Adds driver options, IPv6 and the full IPAM settings of a compose network to its create request. */
export function applyNetworkOptions(network: ComposeNetwork, options: NetworkCreateSpec): void {
  if (network.driverOpts) options.Options = network.driverOpts;
  if (network.enableIpv6 !== undefined) options.EnableIPv6 = network.enableIpv6;
  if (network.ipamDriver === undefined && network.ipamOptions === undefined && network.ipamPools === undefined) return;
  const pools: ComposeIpamPool[] = network.ipamPools ?? network.subnets.map((subnet) => ({ subnet }));
  const ipam: IpamConfig = {
    Driver: network.ipamDriver ?? 'default',
    Config: pools.map((pool) => {
      const config: Record<string, unknown> = {};
      if (pool.subnet !== undefined) config.Subnet = pool.subnet;
      if (pool.gateway !== undefined) config.Gateway = pool.gateway;
      if (pool.ipRange !== undefined) config.IPRange = pool.ipRange;
      if (pool.auxAddresses !== undefined) config.AuxiliaryAddresses = pool.auxAddresses;
      return config;
    }),
  };
  if (network.ipamOptions) ipam.Options = network.ipamOptions;
  options.IPAM = ipam;
}
