import { isIP } from 'node:net';
import { isCidr } from './composeValidate';
import { ValidationContext } from './composeValidateContext';
import { MapEntry } from './composeYaml';

/** `ipam.driver` and `ipam.options`. */
export function validateIpamOption(ctx: ValidationContext, entry: MapEntry, path: string): void {
  if (entry.key === 'driver') ctx.string(entry, path);
  else ctx.mapOrList(entry, path, true);
}

/** `gateway`, `ip_range` and `aux_addresses` of an IPAM pool. */
export function validateIpamPoolField(ctx: ValidationContext, field: MapEntry, path: string): void {
  if (field.key === 'aux_addresses') {
    const map = ctx.map(field, path);
    for (const host of map ? ctx.entries(map) : []) {
      const address = ctx.string(host, `${path}.${host.key}`);
      if (address !== undefined && isIP(address) === 0) ctx.error(host, 'invalid-value', `"${address}" is not an IP address.`);
    }
    return;
  }
  const text = ctx.string(field, path);
  if (text === undefined) return;
  if (field.key === 'gateway' && isIP(text) === 0) ctx.error(field, 'invalid-value', `"${text}" is not an IP address.`);
  if (field.key === 'ip_range' && !isCidr(text)) ctx.error(field, 'invalid-value', `"${text}" is not an address range in CIDR notation, e.g. 172.28.5.0/24.`);
}
