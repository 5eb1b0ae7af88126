import type { EngineClient } from '../engine/engineClient';
import { engineActionError, EngineActionError } from '../engine/actionErrors';
import { splitAssignments } from '../containers/assignments';
import { ipFamily } from '../networks/cidr';
import { validateContainerName } from '../containers/containerActions';
import { parseImageReference } from './imageReference';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';
export interface PortMapping { hostIp?: string; hostPort?: number; containerPort: number; protocol: PortProtocol }

export type PortMappingsResult = { ok: true; ports: PortMapping[] } | { ok: false; message: string };

const MAX_RANGE = 1000;

function parsePortOrRange(text: string, what: string, entry: string): [number, number] | string {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return `The ${what} in '${entry}' must be a number from 1 to 65535 (or a range like 8000-8010).`;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535 || start > 65535) return `The ${what} in '${entry}' must be from 1 to 65535.`;
  if (end < start) return `The ${what} range in '${entry}' runs backwards.`;
  if (end - start + 1 > MAX_RANGE) return `The ${what} range in '${entry}' is longer than ${MAX_RANGE} ports.`;
  return [start, end];
}

function parseEntry(entry: string): PortMapping[] | string {
  let rest = entry;
  let protocol: PortProtocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return `Unknown protocol '${rest.slice(slash + 1)}' in '${entry}': use tcp, udp or sctp.`;
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (bracketed) {
    hostIp = bracketed[1];
    rest = bracketed[2];
    if (ipFamily(hostIp) !== 6) return `'${hostIp}' in '${entry}' is not an IPv6 address.`;
  }
  const parts = rest.split(':');
  if (!bracketed && parts.length === 3) {
    hostIp = parts.shift();
    if (!hostIp || ipFamily(hostIp) !== 4) return `'${hostIp ?? ''}' in '${entry}' is not an IP address (write IPv6 addresses in brackets).`;
  }
  if (parts.length > 2 || (bracketed && parts.length !== 2)) return `'${entry}' is not a port mapping: write [ip:]hostPort:containerPort[/protocol].`;
  const containerText = parts[parts.length - 1];
  const hostText = parts.length === 2 ? parts[0] : '';
  const container = parsePortOrRange(containerText, 'container port', entry);
  if (typeof container === 'string') return container;
  // An empty host port ("127.0.0.1::80") lets the engine choose one.
  const host = hostText === '' ? undefined : parsePortOrRange(hostText, 'host port', entry);
  if (typeof host === 'string') return host;
  const count = container[1] - container[0] + 1;
  if (host && host[1] - host[0] + 1 !== count) return `The host and container ranges in '${entry}' have different lengths.`;
  const result: PortMapping[] = [];
  for (let i = 0; i < count; i++) {
    const mapping: PortMapping = { containerPort: container[0] + i, protocol };
    if (hostIp !== undefined) mapping.hostIp = hostIp;
    if (host) mapping.hostPort = host[0] + i;
    result.push(mapping);
  }
  return result;
}

/**
 * Parses "8080:80, 127.0.0.1:9000:9000/udp, 3000" (commas, spaces or new lines between mappings). As with
 * docker run -p, a lone container port ("3000") or an empty host port ("127.0.0.1::80") is published on
 * a host port the engine picks.
 */
export function parsePortMappings(text: string): PortMappingsResult {
  const ports: PortMapping[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    for (const p of parsed) {
      // Two bindings of one host port clash when they share an address or either listens on all of them.
      const clash = p.hostPort !== undefined && ports.some(
        (q) => q.hostPort === p.hostPort && q.protocol === p.protocol && (q.hostIp === p.hostIp || !q.hostIp || !p.hostIp),
      );
      if (clash) return { ok: false, message: `Host port ${p.hostPort}/${p.protocol} is mapped twice.` };
      ports.push(p);
    }
  }
  return { ok: true, ports };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses "A=1, B=two" (or one per line) into the engine's NAME=value list. */
export function parseEnvAssignments(text: string): { ok: true; env: string[] } | { ok: false; message: string } {
  const env: string[] = [];
  const names = new Set<string>();
  for (const entry of splitAssignments(text)) {
    const eq = entry.indexOf('=');
    if (eq < 0) return { ok: false, message: `'${entry}' has no value: write ${entry}=value.` };
    const name = entry.slice(0, eq).trim();
    if (!ENV_NAME.test(name)) {
      return { ok: false, message: `'${name}' is not a valid variable name: use letters, digits and '_', not starting with a digit.` };
    }
    if (names.has(name)) return { ok: false, message: `The variable '${name}' is given twice.` };
    names.add(name);
    env.push(`${name}=${entry.slice(eq + 1).trim()}`);
  }
  return { ok: true, env };
}

export interface RunImageOptions {
  image: string;
  name?: string;
  ports: PortMapping[];
  env: string[];
  labels?: Record<string, string>;
  /** Overrides the image's command when given. */
  cmd?: string[];
}

const IMAGE_ID = /^(sha256:)?[a-f0-9]{12,64}$/;

/**
 * Creates and starts a container from a local image. If it cannot start (a host port taken, say), the
 * container just created is removed again so no half-made container is left behind.
 */
export async function runImage(client: EngineClient, options: RunImageOptions): Promise<string> {
  if (!IMAGE_ID.test(options.image)) {
    const parsed = parseImageReference(options.image);
    if (!parsed.ok) throw new EngineActionError(parsed.message);
  }
  const name = options.name?.trim();
  if (name) {
    const problem = validateContainerName(name);
    if (problem) throw new EngineActionError(problem);
  }
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of options.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort === undefined ? '' : String(p.hostPort) });
  }
  let id: string;
  try {
    id = await client.createContainer({
      Image: options.image,
      name: name || undefined,
      Env: options.env,
      Labels: options.labels ?? {},
      ...(options.cmd && options.cmd.length > 0 ? { Cmd: options.cmd } : {}),
      ExposedPorts: exposed,
      HostConfig: { PortBindings: bindings },
    });
  } catch (err) {
    throw engineActionError(err);
  }
  try {
    await client.startContainer(id);
  } catch (err) {
    await client.removeContainer(id, { force: true }).catch(() => undefined);
    throw engineActionError(err);
  }
  return id;
}
