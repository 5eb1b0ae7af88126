import type { ContainerInspect } from '../engine/engineTypes';

export interface PortDetail {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
  /** http://localhost:PORT for tcp ports published by a running container */
  url?: string;
}
export interface MountDetail { type: string; name?: string; source: string; target: string; readOnly: boolean }
export interface NetworkDetail { name: string; ipAddress?: string; ipv6Address?: string; aliases: string[] }
export interface EnvDetail { name: string; value: string; secret: boolean }
export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  command: string;
  created: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  restartPolicy: string;
  ports: PortDetail[];
  mounts: MountDetail[];
  networks: NetworkDetail[];
  env: EnvDetail[];
  labels: Record<string, string>;
}

// Words that name a secret wherever they stand in a variable name.
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'KEY', 'KEYS', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS',
]);
// Glued forms such as GITHUBTOKEN or DBPASSWORD.
const SECRET_SUFFIXES = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY'];

/** Splits FOO_BAR, foo-bar, foo.bar and fooBar into upper-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/**
 * Whether an environment variable's value should be masked. Matches whole words so KEYBOARD, MONKEY or
 * TOKENIZERS_PARALLELISM stay visible; PWD only as a suffix (DB_PWD) since the shell's PWD is a path;
 * AUTH only as the last word (BASIC_AUTH holds credentials, AUTH_URL does not); PUBLIC_KEY is public.
 */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  return parts.some((part, i) => {
    const last = i === parts.length - 1;
    if (part === 'PWD') return last && parts.length > 1;
    if (part === 'AUTH' || part === 'OAUTH') return last;
    if ((part === 'KEY' || part === 'KEYS') && parts[i - 1] === 'PUBLIC') return false;
    if (SECRET_WORDS.has(part)) return true;
    return SECRET_SUFFIXES.some((suffix) => part.endsWith(suffix));
  });
}

/** A URL with a password in it (postgres://user:pass@host) is a secret whatever the variable is called. */
export function hasEmbeddedCredentials(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value);
}

const NO_TIME = '0001-01-01T00:00:00Z';

function time(value: string | undefined): string | undefined {
  return value && value !== NO_TIME ? value : undefined;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function restartPolicy(policy: { Name?: string; MaximumRetryCount?: number } | undefined): string {
  const name = policy?.Name || 'no';
  return name === 'on-failure' && policy?.MaximumRetryCount ? `on-failure:${policy.MaximumRetryCount}` : name;
}

type Bindings = Record<string, { HostIp?: string; HostPort?: string }[] | null | undefined>;

function portUrl(hostIp: string | undefined, hostPort: number): string {
  const wildcard = !hostIp || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '127.0.0.1' || hostIp === '::1';
  if (wildcard) return `http://localhost:${hostPort}`;
  return hostIp.includes(':') ? `http://[${hostIp}]:${hostPort}` : `http://${hostIp}:${hostPort}`;
}

function ports(inspect: ContainerInspect): PortDetail[] {
  const running = inspect.State?.Running === true;
  const live = (inspect.NetworkSettings?.Ports ?? {}) as Bindings;
  // A stopped container has no live bindings; its configuration still says what it publishes.
  const configured = (inspect.HostConfig?.PortBindings ?? {}) as Bindings;
  const source: Bindings = Object.keys(live).length > 0 ? live : { ...configured };
  for (const exposed of Object.keys(inspect.Config?.ExposedPorts ?? {})) {
    if (!(exposed in source)) source[exposed] = null;
  }
  const result: PortDetail[] = [];
  for (const [key, bindings] of Object.entries(source)) {
    const [portText, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(portText);
    if (!bindings || bindings.length === 0) {
      result.push({ containerPort, protocol });
      continue;
    }
    const seen = new Set<string>();
    for (const binding of bindings) {
      const hostPort = binding.HostPort ? Number(binding.HostPort) : undefined;
      // The engine lists a wildcard binding once for 0.0.0.0 and again for ::; one row says it.
      const wildcard = !binding.HostIp || binding.HostIp === '0.0.0.0' || binding.HostIp === '::';
      const hostIp = wildcard ? '0.0.0.0' : binding.HostIp;
      const dedupKey = `${hostIp}:${hostPort ?? ''}`;
      if (seen.has(dedupKey)) continue;
      seen.add(dedupKey);
      const detail: PortDetail = { containerPort, protocol, hostIp };
      if (hostPort !== undefined) detail.hostPort = hostPort;
      if (running && hostPort !== undefined && protocol === 'tcp') detail.url = portUrl(hostIp, hostPort);
      result.push(detail);
    }
  }
  return result.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}

function mounts(inspect: ContainerInspect): MountDetail[] {
  return (inspect.Mounts ?? []).map((m) => {
    const detail: MountDetail = { type: m.Type ?? 'bind', source: m.Source ?? '', target: m.Destination, readOnly: m.RW === false };
    if (m.Name) detail.name = m.Name;
    return detail;
  }).sort((a, b) => a.target.localeCompare(b.target));
}

function networks(inspect: ContainerInspect): NetworkDetail[] {
  const shortId = inspect.Id.slice(0, 12);
  return Object.entries(inspect.NetworkSettings?.Networks ?? {}).map(([name, n]) => {
    const detail: NetworkDetail = {
      name,
      // The engine adds the short container ID as an alias on user networks; it tells the user nothing.
      aliases: ((n.Aliases ?? []) as string[]).filter((a) => a !== shortId && a !== inspect.Id),
    };
    if (n.IPAddress) detail.ipAddress = n.IPAddress;
    if (n.GlobalIPv6Address) detail.ipv6Address = n.GlobalIPv6Address;
    return detail;
  }).sort((a, b) => a.name.localeCompare(b.name));
}

function env(inspect: ContainerInspect): EnvDetail[] {
  return (inspect.Config?.Env ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    const name = eq >= 0 ? entry.slice(0, eq) : entry;
    const value = eq >= 0 ? entry.slice(eq + 1) : '';
    return { name, value, secret: isSecretName(name) || hasEmbeddedCredentials(value) };
  });
}

/** What the details view shows, from one inspect answer. */
export function containerDetails(inspect: ContainerInspect): ContainerDetails {
  const state = inspect.State;
  const details: ContainerDetails = {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ''),
    image: inspect.Config?.Image ?? inspect.Image,
    command: [inspect.Path, ...(inspect.Args ?? [])].filter((a) => a !== undefined && a !== '').map(shellQuote).join(' '),
    created: inspect.Created,
    restartPolicy: restartPolicy(inspect.HostConfig?.RestartPolicy),
    ports: ports(inspect),
    mounts: mounts(inspect),
    networks: networks(inspect),
    env: env(inspect),
    labels: inspect.Config?.Labels ?? {},
  };
  const startedAt = time(state?.StartedAt);
  const finishedAt = time(state?.FinishedAt);
  if (startedAt) details.startedAt = startedAt;
  if (finishedAt) details.finishedAt = finishedAt;
  if (state && (state.Status === 'exited' || state.Status === 'dead')) details.exitCode = state.ExitCode;
  return details;
}
