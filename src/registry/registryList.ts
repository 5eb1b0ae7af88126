import { resolveRegistryAuth } from './credentialHelper';
import { configuredRegistries } from './dockerConfigAuths';
import { RegistryClient, registryHost } from './registryClient';

/** One registry of the Registries view. */
export interface RegistryEntry {
  /** host[:port]; "docker.io" for Docker Hub. */
  host: string;
  /** What the view shows: the setting's name, else the host. */
  name: string;
  insecure: boolean;
  /** config.json names it (a login or a credential helper). */
  inDockerConfig: boolean;
  /** The berth.registries setting lists it. */
  listed?: boolean;
}

/** A `berth.registries` setting entry. */
export interface RegistrySetting {
  url: string;
  name?: string;
  insecure?: boolean;
}

function displayHost(address: string): string {
  const host = registryHost(address);
  return host === 'registry-1.docker.io' ? 'docker.io' : host;
}

/** The setting's entries that make sense; a message for each that does not, so a typo is seen. */
export function readRegistrySettings(value: unknown): { entries: RegistrySetting[]; problems: string[] } {
  const entries: RegistrySetting[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { entries, problems };
  if (!Array.isArray(value)) return { entries, problems: ['berth.registries must be an array of { "url": "host[:port]" } objects.'] };
  value.forEach((item: unknown, i) => {
    const raw = item as { url?: unknown; name?: unknown; insecure?: unknown } | null;
    const url = typeof raw?.url === 'string' ? raw.url.trim() : '';
    if (!url || !displayHost(url) || /\s/.test(url)) {
      problems.push(`berth.registries[${i}] needs a "url" such as "registry.example.com" or "localhost:5000".`);
      return;
    }
    const entry: RegistrySetting = { url };
    if (typeof raw?.name === 'string' && raw.name.trim()) entry.name = raw.name.trim();
    if (raw?.insecure === true) entry.insecure = true;
    entries.push(entry);
  });
  return { entries, problems };
}

/** The registries from config.json (auths, credHelpers) and the setting, each once; the setting names and flags them. */
export function listRegistries(dockerConfig: Record<string, unknown> | undefined, settings: readonly RegistrySetting[]): RegistryEntry[] {
  const byHost = new Map<string, RegistryEntry>();
  for (const host of configuredRegistries(dockerConfig)) {
    byHost.set(host, { host, name: host, insecure: false, inDockerConfig: true });
  }
  for (const s of settings) {
    const host = displayHost(s.url);
    const known = byHost.get(host);
    byHost.set(host, { host, name: s.name ?? host, insecure: s.insecure === true || /^http:\/\//i.test(s.url), inDockerConfig: known?.inDockerConfig ?? false, listed: true });
  }
  return [...byHost.values()];
}

/** A client for the registry with the credentials the docker CLI would use; a helper's failure is a warning. */
export async function registryClientFor(entry: Pick<RegistryEntry, 'host' | 'insecure'>, dockerConfigText: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<{ client: RegistryClient; warning?: string }> {
  const { auth, warning } = await resolveRegistryAuth(entry.host === 'docker.io' ? undefined : entry.host, dockerConfigText, env);
  const credentials = auth ? { username: auth.username, password: auth.password, identitytoken: auth.identitytoken } : undefined;
  const client = new RegistryClient({ registry: entry.host, credentials, insecure: entry.insecure });
  return warning ? { client, warning } : { client };
}
