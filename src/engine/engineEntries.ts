import type { DockerContext } from './dockerContexts';
import type { TlsFilePaths } from './endpoint';

/**
 * An engine Berth knows and can connect to. The key is stable across reloads (it is what the
 * workspace remembers and what file URIs name), so it is derived from where the entry comes from,
 * never from a connection.
 */
export type EngineEntry =
  | { key: 'current'; kind: 'current'; name: string }
  | { key: string; kind: 'context'; name: string; host: string; context: DockerContext; sameAsCurrent?: boolean }
  | { key: string; kind: 'setting'; name: string; host: string; tls?: TlsFilePaths; sameAsCurrent?: boolean }
  | { key: 'env:DOCKER_HOST'; kind: 'env'; name: string; host: string; sameAsCurrent?: boolean };

/** One `berth.engines` item as the user wrote it, checked. */
export interface ConfiguredEngine {
  name: string;
  host: string;
  tls?: TlsFilePaths;
}

const SCHEME = /^(unix|npipe|tcp|ssh|https?):\/\/.+/i;

/**
 * Reads the `berth.engines` setting. Entries that cannot work are left out with a reason each, so
 * one typo does not hide the others.
 */
export function parseConfiguredEngines(value: unknown): { engines: ConfiguredEngine[]; problems: string[] } {
  const engines: ConfiguredEngine[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { engines, problems };
  if (!Array.isArray(value)) return { engines, problems: ['berth.engines must be a list of { "name", "host" } objects.'] };
  const seen = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const problem = (text: string): void => void problems.push(text);
    const where = `berth.engines[${index}]`;
    if (typeof raw !== 'object' || raw === null) {
      problem(`${where} is not an object with "name" and "host".`);
      return;
    }
    const item = raw as Record<string, unknown>;
    const name = typeof item.name === 'string' ? item.name.trim() : '';
    const host = typeof item.host === 'string' ? item.host.trim() : '';
    if (!name) return problem(`${where} has no "name".`);
    if (!SCHEME.test(host)) return problem(`${where} ("${name}"): "${host}" is not a Docker endpoint; use unix://, tcp://, ssh:// or npipe://.`);
    if (seen.has(name)) return problem(`${where}: the name "${name}" is used twice; the first entry is kept.`);
    seen.add(name);
    const file = (key: string): string | undefined => (typeof item[key] === 'string' && (item[key] as string).trim() ? (item[key] as string).trim() : undefined);
    const tls: TlsFilePaths = { ca: file('tlsCa'), cert: file('tlsCert'), key: file('tlsKey'), verify: item.tlsVerify !== false };
    engines.push({ name, host, tls: tls.ca || tls.cert || tls.key ? tls : undefined });
  });
  return { engines, problems };
}

/** What the current endpoint is, to tell which other entry is the same engine address. */
export interface CurrentEndpoint {
  host?: string;
  context?: string;
}

/**
 * The engines Berth offers: the current endpoint first, then the Docker contexts, the configured
 * engines and DOCKER_HOST. An entry that names the very address (or context) the current endpoint
 * uses is marked `sameAsCurrent`: connecting to it as well would show every object twice.
 */
export function engineEntries(current: CurrentEndpoint, contexts: DockerContext[], configured: ConfiguredEngine[], dockerHost: string | undefined): EngineEntry[] {
  const entries: EngineEntry[] = [{ key: 'current', kind: 'current', name: current.context ?? hostLabel(current.host ?? '') }];
  const sameAsCurrent = (host: string): boolean => current.host !== undefined && sameHost(host, current.host);
  for (const context of contexts) {
    const same = context.name === current.context || sameAsCurrent(context.host);
    entries.push({ key: `context:${context.name}`, kind: 'context', name: context.name, host: context.host, context, sameAsCurrent: same });
  }
  for (const engine of configured) {
    entries.push({ key: `setting:${engine.name}`, kind: 'setting', name: engine.name, host: engine.host, tls: engine.tls, sameAsCurrent: sameAsCurrent(engine.host) });
  }
  const env = dockerHost?.trim();
  if (env && !entries.some((e) => e.kind !== 'current' && sameHost(e.host, env))) {
    entries.push({ key: 'env:DOCKER_HOST', kind: 'env', name: 'DOCKER_HOST', host: env, sameAsCurrent: sameAsCurrent(env) });
  }
  return entries;
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string): string => h.trim().replace(/\/+$/, '').replace(/^tcp:/i, 'http:').toLowerCase();
  return norm(a) === norm(b);
}

/** A short name for an endpoint: "local" for a socket, else the host (and port when not Docker's). */
export function hostLabel(host: string): string {
  const scheme = /^([a-z]+):\/\//i.exec(host)?.[1]?.toLowerCase();
  if (scheme === 'unix' || scheme === 'npipe' || !scheme) return 'local';
  try {
    const url = new URL(host.replace(/^tcp:/i, 'http:'));
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const defaultPort = scheme === 'ssh' ? '22' : '';
    return url.port && url.port !== defaultPort ? `${hostname}:${url.port}` : hostname;
  } catch {
    return host;
  }
}

/** Whether two entries reach the same engine the same way (a context turning current does not count). */
export function sameConnection(a: EngineEntry, b: EngineEntry): boolean {
  if (a.key !== b.key || a.kind !== b.kind) return false;
  if (a.kind === 'current' || b.kind === 'current') return true;
  const how = (e: Exclude<EngineEntry, { kind: 'current' }>): string =>
    JSON.stringify([e.host, e.sameAsCurrent ?? false, e.kind === 'setting' ? e.tls : undefined, e.kind === 'context' ? [e.context.tlsFiles, e.context.skipTlsVerify] : undefined]);
  return how(a) === how(b);
}
