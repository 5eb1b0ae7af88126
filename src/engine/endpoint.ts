import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';
import { parse as parseSshConfig } from 'ssh-config';
import { contextId, currentContextName, dockerConfigDir } from './dockerContexts';
import type { SshSettings } from './sshAgent';

/** Where the endpoint came from, in the order Berth looks. */
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default' | 'engines';

export interface ResolvedEndpoint {
  source: EndpointSource;
  /** The endpoint as a URL-ish string (unix:///var/run/docker.sock, tcp://host:2376, ...). */
  host: string;
  /** Docker context name when source is 'context'. */
  context?: string;
  tls: boolean;
  /** dockerode's options; for ssh:// endpoints EngineClient goes through SshAgent instead, which keeps one SSH connection. */
  options: DockerOptions;
  /** For ssh:// endpoints: where and how to connect, from the URL, ~/.ssh/config and ~/.ssh. */
  ssh?: SshSettings;
}

export interface EndpointInputs {
  /** The berth.dockerHost setting; empty means unset. */
  setting?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** Reads a file as text, or returns undefined when it does not exist. */
  readFile(file: string): string | undefined;
}

export class EndpointError extends Error {}

const DEFAULT_UNIX = 'unix:///var/run/docker.sock';
const DEFAULT_NPIPE = 'npipe:////./pipe/docker_engine';

/** TLS files named by a `berth.engines` entry; undefined when it names none. */
export interface TlsFilePaths {
  ca?: string;
  cert?: string;
  key?: string;
  /** Check the server's certificate against the CA (default true). */
  verify?: boolean;
}

/** An endpoint named outright (a `berth.engines` entry or DOCKER_HOST), with its TLS files read. */
export function resolveHostEndpoint(source: EndpointSource, host: string, tlsPaths: TlsFilePaths | undefined, inputs: EndpointInputs): ResolvedEndpoint {
  if (source === 'DOCKER_HOST' && !tlsPaths) return toEndpoint(source, host, tlsFromEnv(inputs), inputs);
  let tls: TlsFiles | undefined;
  if (tlsPaths && (tlsPaths.ca || tlsPaths.cert || tlsPaths.key)) {
    const read = (file: string | undefined): string | undefined => {
      if (!file) return undefined;
      const resolved = file.startsWith('~/') ? path.join(inputs.homeDir, file.slice(2)) : file;
      const text = inputs.readFile(resolved);
      if (text === undefined) throw new EndpointError(`The TLS file ${resolved} for ${host} does not exist or cannot be read.`);
      return text;
    };
    tls = { ca: read(tlsPaths.ca), cert: read(tlsPaths.cert), key: read(tlsPaths.key), verify: tlsPaths.verify !== false };
  }
  return toEndpoint(source, host, tls, inputs);
}

/** Resolves the engine endpoint: setting, then DOCKER_HOST, then the current docker context, then the platform default. */
export function resolveEndpoint(inputs: EndpointInputs): ResolvedEndpoint {
  const setting = inputs.setting?.trim();
  if (setting) return toEndpoint('setting', setting, tlsFromEnv(inputs), inputs);

  const envHost = inputs.env.DOCKER_HOST?.trim();
  if (envHost) return toEndpoint('DOCKER_HOST', envHost, tlsFromEnv(inputs), inputs);

  const fromContext = endpointFromContext(inputs);
  if (fromContext) return fromContext;

  return toEndpoint('default', inputs.platform === 'win32' ? DEFAULT_NPIPE : DEFAULT_UNIX, undefined, inputs);
}

interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

function tlsFromEnv(inputs: EndpointInputs): TlsFiles | undefined {
  const verify = isTruthy(inputs.env.DOCKER_TLS_VERIFY);
  const certPath = inputs.env.DOCKER_CERT_PATH?.trim();
  if (!verify && !certPath) return undefined;
  const dir = certPath || path.join(inputs.homeDir, '.docker');
  return {
    ca: inputs.readFile(path.join(dir, 'ca.pem')),
    cert: inputs.readFile(path.join(dir, 'cert.pem')),
    key: inputs.readFile(path.join(dir, 'key.pem')),
    verify,
  };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function endpointFromContext(inputs: EndpointInputs): ResolvedEndpoint | undefined {
  const dockerDir = dockerConfigDir(inputs.env, inputs.homeDir);
  const name = inputs.env.DOCKER_CONTEXT?.trim() || currentContextName(inputs.readFile(path.join(dockerDir, 'config.json')));
  if (!name || name === 'default') return undefined;
  return resolveContextEndpoint(name, inputs);
}

/** A stored Docker context's endpoint, with its TLS files, whether or not it is the current one. */
export function resolveContextEndpoint(name: string, inputs: EndpointInputs): ResolvedEndpoint {
  const dockerDir = dockerConfigDir(inputs.env, inputs.homeDir);
  const id = contextId(name);
  const metaText = inputs.readFile(path.join(dockerDir, 'contexts', 'meta', id, 'meta.json'));
  if (metaText === undefined) throw new EndpointError(`Docker context "${name}" has no metadata in ${dockerDir}/contexts.`);
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(metaText) as typeof meta;
  } catch {
    throw new EndpointError(`Docker context "${name}" has unreadable metadata.`);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw new EndpointError(`Docker context "${name}" has no docker endpoint.`);

  const tlsDir = path.join(dockerDir, 'contexts', 'tls', id, 'docker');
  const ca = inputs.readFile(path.join(tlsDir, 'ca.pem'));
  const cert = inputs.readFile(path.join(tlsDir, 'cert.pem'));
  const key = inputs.readFile(path.join(tlsDir, 'key.pem'));
  const tls = ca || cert || key ? { ca, cert, key, verify: !docker.SkipTLSVerify } : undefined;
  return { ...toEndpoint('context', docker.Host, tls, inputs), context: name };
}

function toEndpoint(source: EndpointSource, host: string, tls: TlsFiles | undefined, inputs: EndpointInputs): ResolvedEndpoint {
  const schemeEnd = host.indexOf('://');
  if (schemeEnd < 0) throw new EndpointError(`"${host}" is not a Docker endpoint: expected unix://, npipe://, tcp:// or ssh://.`);
  const scheme = host.slice(0, schemeEnd).toLowerCase();
  const rest = host.slice(schemeEnd + 3);

  switch (scheme) {
    case 'unix':
      if (!rest.startsWith('/')) throw new EndpointError(`"${host}" needs an absolute socket path, like unix:///var/run/docker.sock.`);
      return { source, host, tls: false, options: { socketPath: rest } };
    case 'npipe':
      // npipe:////./pipe/docker_engine names the pipe //./pipe/docker_engine.
      return { source, host, tls: false, options: { socketPath: rest.replace(/^\/*/, '//') } };
    case 'tcp':
    case 'http':
    case 'https': {
      const url = parseUrl(host.replace(/^tcp:/i, 'http:'));
      const useTls = scheme === 'https' || tls !== undefined;
      const port = url.port ? Number(url.port) : useTls ? 2376 : 2375;
      const options: DockerOptions = { protocol: useTls ? 'https' : 'http', host: url.hostname.replace(/^\[|\]$/g, ''), port };
      if (useTls && tls) {
        if (tls.ca) options.ca = tls.ca;
        if (tls.cert) options.cert = tls.cert;
        if (tls.key) options.key = tls.key;
        // Without DOCKER_TLS_VERIFY the CLI encrypts but does not check the server's certificate.
        if (!tls.verify) (options as DockerOptions & { rejectUnauthorized?: boolean }).rejectUnauthorized = false;
      }
      return { source, host, tls: useTls, options };
    }
    case 'ssh': {
      const url = parseUrl(host);
      if (url.pathname && url.pathname !== '/') throw new EndpointError(`"${host}" has a path; an ssh:// endpoint is ssh://[user@]host[:port].`);
      const ssh = sshSettings(url, inputs);
      const options: DockerOptions = {
        protocol: 'ssh',
        host: ssh.host,
        port: ssh.port,
        username: ssh.username,
        sshOptions: { agent: ssh.agentSocket },
      };
      return { source, host, tls: false, options, ssh };
    }
    default:
      throw new EndpointError(`"${host}" uses the unsupported scheme "${scheme}": use unix://, npipe://, tcp:// or ssh://.`);
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new EndpointError(`"${text}" is not a valid endpoint address.`);
  }
}

const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** What ssh would use for this host: the URL first, then ~/.ssh/config, then ssh's defaults. */
function sshSettings(url: URL, inputs: EndpointInputs): SshSettings {
  const alias = url.hostname.replace(/^\[|\]$/g, '');
  const sshDir = path.join(inputs.homeDir, '.ssh');
  const expand = (file: string): string => (file.startsWith('~/') ? path.join(inputs.homeDir, file.slice(2)) : path.resolve(sshDir, file));
  let config: Record<string, string | string[]> = {};
  const configText = inputs.readFile(path.join(sshDir, 'config'));
  if (configText) {
    try {
      config = parseSshConfig(configText).compute(alias);
    } catch {
      // An unreadable ssh config is ignored, as the endpoint itself may say all that is needed.
    }
  }
  const port = url.port ? Number(url.port) : Number(firstValue(config.Port) ?? 22);
  const username =
    (url.username ? decodeURIComponent(url.username) : undefined) ??
    firstValue(config.User) ??
    inputs.env.USER ??
    inputs.env.LOGNAME ??
    inputs.env.USERNAME ??
    'root';
  const configured = config.IdentityFile === undefined ? [] : ([] as string[]).concat(config.IdentityFile);
  const files = [...configured.map(expand), ...DEFAULT_IDENTITIES.map((name) => path.join(sshDir, name))];
  const privateKeys: SshSettings['privateKeys'] = [];
  for (const file of [...new Set(files)]) {
    const key = inputs.readFile(file);
    if (key !== undefined) privateKeys.push({ file, key });
  }
  const knownHostsFiles = config.UserKnownHostsFile === undefined ? [path.join(sshDir, 'known_hosts')] : ([] as string[]).concat(config.UserKnownHostsFile).map(expand);
  const knownHosts = [...knownHostsFiles, '/etc/ssh/ssh_known_hosts'].map((file) => inputs.readFile(file)).filter((t): t is string => t !== undefined);
  return {
    alias,
    host: firstValue(config.HostName) ?? alias,
    port: Number.isInteger(port) && port > 0 ? port : 22,
    username,
    agentSocket: inputs.env.SSH_AUTH_SOCK || undefined,
    privateKeys,
    knownHosts,
  };
}
