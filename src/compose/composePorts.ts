import { isIP } from 'node:net';

export interface PortRange {
  start: number;
  end: number;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortMapping {
  hostIp?: string;
  /** Absent when the engine picks the host port. */
  published?: PortRange;
  target: PortRange;
  protocol: PortProtocol;
  mode?: 'host' | 'ingress';
}

export type PortResult = { ok: true; port: PortMapping } | { ok: false; error: string; key?: string };

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'];

/** Short syntax: `[HOST_IP:][HOST_PORT[-RANGE]:]CONTAINER_PORT[-RANGE][/PROTOCOL]`, or a bare number. */
export function parsePortShort(spec: string | number): PortResult {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 1 || spec > 65535) return fail(`Invalid port ${spec}: must be between 1 and 65535.`);
    return { ok: true, port: { target: { start: spec, end: spec }, protocol: 'tcp' } };
  }
  const text = spec.trim();
  let rest = text;
  let protocol = 'tcp';
  const slash = text.lastIndexOf('/');
  if (slash >= 0) {
    protocol = text.slice(slash + 1).toLowerCase();
    rest = text.slice(0, slash);
    if (!PROTOCOLS.includes(protocol)) return fail(`Invalid port "${spec}": unknown protocol "${text.slice(slash + 1)}" (expected tcp, udp or sctp).`);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return fail(`Invalid port "${spec}": malformed bracketed host IP.`);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (hostIp === undefined && parts.length === 3) hostIp = parts.shift() as string;
  if (parts.length > 2 || (hostIp !== undefined && parts.length !== 2)) {
    return fail(`Invalid port "${spec}": expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL] (IPv6 host addresses go in brackets).`);
  }
  if (hostIp !== undefined && isIP(hostIp) === 0) return fail(`Invalid port "${spec}": "${hostIp}" is not an IP address.`);
  const targetText = parts[parts.length - 1];
  const publishedText = parts.length === 2 ? parts[0] : '';
  const target = parseRange(targetText, 1);
  if (!target) return fail(`Invalid port "${spec}": container port "${targetText}" must be a port or range between 1 and 65535.`);
  let published: PortRange | undefined;
  if (publishedText !== '') {
    published = parseRange(publishedText, 0);
    if (!published) return fail(`Invalid port "${spec}": host port "${publishedText}" must be a port or range between 0 and 65535.`);
    const sizeError = rangeSizeError(published, target);
    if (sizeError) return fail(`Invalid port "${spec}": ${sizeError}`);
  }
  return { ok: true, port: withoutUndefined({ hostIp, published, target, protocol: protocol as PortProtocol }) };
}

/** Long syntax: `{ target, published, host_ip, protocol, mode }`; errors name the offending key. */
export function parsePortLong(spec: Record<string, unknown>): PortResult {
  const rawTarget = spec.target;
  if (rawTarget === undefined || rawTarget === null) return fail('A port in long syntax needs a "target".');
  const target = typeof rawTarget === 'number' || typeof rawTarget === 'string' ? parseRange(String(rawTarget), 1) : undefined;
  if (!target || target.start !== target.end) return fail(`"target" must be a port between 1 and 65535.`, 'target');
  let published: PortRange | undefined;
  if (spec.published !== undefined && spec.published !== null && spec.published !== '') {
    const raw = spec.published;
    published = typeof raw === 'number' || typeof raw === 'string' ? parseRange(String(raw), 0) : undefined;
    if (!published) return fail(`"published" must be a port or range between 0 and 65535.`, 'published');
    const sizeError = rangeSizeError(published, target);
    if (sizeError) return fail(sizeError, 'published');
  }
  let hostIp: string | undefined;
  if (spec.host_ip !== undefined && spec.host_ip !== null) {
    if (typeof spec.host_ip !== 'string' || isIP(spec.host_ip) === 0) return fail(`"host_ip" must be an IP address.`, 'host_ip');
    hostIp = spec.host_ip;
  }
  const protocol = spec.protocol ?? 'tcp';
  if (typeof protocol !== 'string' || !PROTOCOLS.includes(protocol.toLowerCase())) {
    return fail(`"protocol" must be tcp, udp or sctp.`, 'protocol');
  }
  const mode = spec.mode;
  if (mode !== undefined && mode !== null && mode !== 'host' && mode !== 'ingress') return fail(`"mode" must be host or ingress.`, 'mode');
  return {
    ok: true,
    port: withoutUndefined({
      hostIp,
      published,
      target,
      protocol: protocol.toLowerCase() as PortProtocol,
      mode: (mode ?? undefined) as PortMapping['mode'],
    }),
  };
}

/** Either syntax, for values that may be a number, a string or a mapping. */
export function parsePort(spec: unknown): PortResult {
  if (typeof spec === 'number' || typeof spec === 'string') return parsePortShort(spec);
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) return parsePortLong(spec as Record<string, unknown>);
  return fail('A port must be a number, a string such as "8080:80", or a mapping with "target".');
}

function parseRange(text: string, min: number): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start < min || end > 65535 || end < start) return undefined;
  return { start, end };
}

// The engine maps ranges one to one; a host range with a single container port is a pool to pick from.
function rangeSizeError(published: PortRange, target: PortRange): string | undefined {
  if (target.start === target.end) return undefined;
  if (published.end - published.start === target.end - target.start) return undefined;
  return 'the host and container port ranges have different sizes.';
}

function fail(error: string, key?: string): PortResult {
  return key === undefined ? { ok: false, error } : { ok: false, error, key };
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
