/**
 * Registry credentials from the "auths" section of ~/.docker/config.json, and which credential
 * helper (credsStore, credHelpers) the file names; credentialHelper.ts runs the helper.
 */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

interface AuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
}

/** The address the docker CLI sends for Docker Hub; the engine expects exactly this. */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** "https://Index.Docker.io/v1/" → "index.docker.io"; Docker Hub's names all become "docker.io". */
function normaliseHost(address: string): string {
  const host = address.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return HUB_HOSTS.has(host) ? 'docker.io' : host;
}

function parseConfig(text: string | undefined): DockerConfig | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfig) : undefined;
  } catch {
    return undefined;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function credentialsOf(entry: AuthEntry): Omit<RegistryAuth, 'serveraddress'> | undefined {
  const identitytoken = str(entry.identitytoken);
  let username = str(entry.username);
  let password = str(entry.password);
  const encoded = str(entry.auth);
  if (encoded && (!username || !password)) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Passwords may contain ':'; the user name may not.
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1) || undefined;
    }
  }
  if (!identitytoken && !(username && password)) return undefined;
  const result: Omit<RegistryAuth, 'serveraddress'> = {};
  if (username) result.username = username;
  if (password) result.password = password;
  if (identitytoken) result.identitytoken = identitytoken;
  return result;
}

/**
 * Credentials for a registry (undefined = Docker Hub) from config.json text, or undefined when the file
 * has none for it. Keys may carry a scheme and path ("https://index.docker.io/v1/", "http://host:5000").
 */
export function authForRegistry(registry: string | undefined, dockerConfigText: string | undefined): RegistryAuth | undefined {
  const config = parseConfig(dockerConfigText);
  const auths = config?.auths;
  if (!auths || typeof auths !== 'object') return undefined;
  const wanted = normaliseHost(registry ?? 'docker.io');
  for (const [key, entry] of Object.entries(auths)) {
    if (normaliseHost(key) !== wanted || typeof entry !== 'object' || entry === null) continue;
    const credentials = credentialsOf(entry);
    if (!credentials) continue;
    return { ...credentials, serveraddress: wanted === 'docker.io' ? DOCKER_HUB_SERVER : (registry ?? key) };
  }
  return undefined;
}

/** The address a credential helper files a registry under: Docker Hub's v1 URL, else the registry as written. */
export function helperServerAddress(registry: string | undefined): string {
  return registry === undefined || normaliseHost(registry) === 'docker.io' ? DOCKER_HUB_SERVER : registry;
}

/** The credential helper config.json names for a registry (credHelpers, else credsStore), if any. */
export function credentialHelperFor(registry: string | undefined, dockerConfigText: string | undefined): string | undefined {
  const config = parseConfig(dockerConfigText);
  if (!config) return undefined;
  const wanted = normaliseHost(registry ?? 'docker.io');
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
    if (normaliseHost(key) === wanted && str(helper)) return helper as string;
  }
  return str(config.credsStore);
}
