import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 4 | 6;
  address: bigint;
  prefix: number;
  text: string;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

export function ipFamily(ip: string): 4 | 6 | undefined {
  if (isIPv4(ip)) return 4;
  if (isIPv6(ip)) return 6;
  return undefined;
}

export function ipToBigInt(ip: string): bigint {
  return ipFamily(ip) === 4 ? ipv4ToBigInt(ip) : ipv6ToBigInt(ip);
}

function bigIntToIp(value: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Parses "10.0.0.0/24" or "fd00::/64"; a string describing the problem when it is not one. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  if (slash < 0) return `'${text}' needs a prefix length, e.g. 172.20.0.0/16`;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = ipFamily(ip);
  if (!family) return `'${ip}' is not an IP address`;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return `the prefix length in '${text}' must be 0 to ${bits}`;
  return { family, address: ipToBigInt(ip), prefix: Number(prefixText), text };
}

export function hostMask(cidr: Cidr): bigint {
  const bits = BigInt(cidr.family === 4 ? 32 : 128);
  return (1n << (bits - BigInt(cidr.prefix))) - 1n;
}

/** The network address of a CIDR with its host bits cleared, as text ("10.0.0.0/24"). */
export function networkOf(cidr: Cidr): string {
  return `${bigIntToIp(cidr.address & ~hostMask(cidr), cidr.family)}/${cidr.prefix}`;
}

export function contains(cidr: Cidr, ip: bigint): boolean {
  const mask = hostMask(cidr);
  return (ip & ~mask) === (cidr.address & ~mask);
}
