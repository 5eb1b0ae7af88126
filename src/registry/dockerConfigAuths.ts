import { DOCKER_HUB_SERVER } from './registryAuth';

type Config = Record<string, unknown>;
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The key `docker login` files a registry under: Docker Hub's v1 URL, else the host as given. */
export function loginServerKey(server: string): string {
  const host = hostOf(server);
  return HUB_HOSTS.has(host) ? DOCKER_HUB_SERVER : host;
}

function hostOf(key: string): string {
  return key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

function authsOf(config: Config): Record<string, unknown> {
  const auths = config.auths;
  return typeof auths === 'object' && auths !== null && !Array.isArray(auths) ? (auths as Record<string, unknown>) : {};
}

/** The keys of `auths` that name the same registry as `server` ("https://host/v1/" and "host" alike). */
function matchingKeys(config: Config, server: string): string[] {
  const wanted = HUB_HOSTS.has(hostOf(server)) ? 'docker.io' : hostOf(server);
  return Object.keys(authsOf(config)).filter((key) => {
    const host = hostOf(key);
    return (HUB_HOSTS.has(host) ? 'docker.io' : host) === wanted;
  });
}

/**
 * config.json after a login: `auths[server]` holds base64 "user:password" (plain text, as the CLI
 * writes it) or, when a credential store keeps the secret, an empty entry that only names the
 * registry. Every other key of the file is kept as it was.
 */
export function withLogin(config: Config, server: string, credentials?: { username: string; password: string }): Config {
  const key = loginServerKey(server);
  const auths = { ...authsOf(config) };
  for (const old of matchingKeys(config, server)) delete auths[old];
  auths[key] = credentials ? { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') } : {};
  return { ...config, auths };
}

/** config.json after a logout: the registry's `auths` entries are gone, everything else kept. */
export function withLogout(config: Config, server: string): Config {
  const auths = { ...authsOf(config) };
  for (const old of matchingKeys(config, server)) delete auths[old];
  return { ...config, auths };
}

/** Whether config.json has an `auths` entry for the registry. */
export function hasLogin(config: Config, server: string): boolean {
  return matchingKeys(config, server).length > 0;
}

/** Registries config.json knows: `auths` and `credHelpers` keys, as hosts, without duplicates. */
export function configuredRegistries(config: Config | undefined): string[] {
  if (!config) return [];
  const helpers = config.credHelpers;
  const keys = [...Object.keys(authsOf(config)), ...(typeof helpers === 'object' && helpers !== null ? Object.keys(helpers) : [])];
  const hosts: string[] = [];
  for (const key of keys) {
    const host = hostOf(key);
    const name = HUB_HOSTS.has(host) ? 'docker.io' : host;
    if (name && !hosts.includes(name)) hosts.push(name);
  }
  return hosts;
}
