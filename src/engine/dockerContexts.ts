import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

// Docker contexts as the docker CLI stores them, so that a context made or selected in Berth is the
// one `docker context ls` shows and `docker` uses, and the other way round:
//   <config dir>/contexts/meta/<sha256(name)>/meta.json   name, description, docker endpoint
//   <config dir>/contexts/tls/<sha256(name)>/docker/      ca.pem, cert.pem, key.pem
//   <config dir>/config.json                              "currentContext"

export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint (unix://, tcp://, ssh://, npipe://). */
  host: string;
  skipTlsVerify: boolean;
  /** Which TLS files the context holds. */
  tlsFiles: ('ca.pem' | 'cert.pem' | 'key.pem')[];
  current: boolean;
}

export interface NewContext {
  name: string;
  description?: string;
  host: string;
  /** PEM texts, stored with the context as the CLI stores them. */
  tls?: { ca?: string; cert?: string; key?: string };
  skipTlsVerify?: boolean;
}

const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;
// The docker CLI's rule for context names.
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** The docker CLI's configuration folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Record<string, string | undefined>, homeDir: string): string {
  return env.DOCKER_CONFIG?.trim() || path.join(homeDir, '.docker');
}

/** The docker CLI stores a context under the sha256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Why a name cannot be a new context, or undefined when it can. */
export function validateContextName(name: string): string | undefined {
  if (name === '') return 'Enter a context name.';
  if (name === 'default') return '"default" is the name of the context the docker CLI derives from DOCKER_HOST; choose another.';
  if (!NAME.test(name)) return `Context names are at least 2 characters, start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-': "${name}"`;
  return undefined;
}

/** Why an endpoint cannot be a context's docker endpoint, or undefined when it can. */
export function validateContextHost(host: string): string | undefined {
  if (!/^(unix|tcp|ssh|npipe):\/\/.+/.test(host)) return `"${host}" is not a Docker endpoint: use unix://, tcp://, ssh:// or npipe://.`;
  return undefined;
}

export async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    throw new Error(`${file} is not valid JSON; fix or remove it.`);
  }
}

/** Writes through a temporary file, so a reader (the docker CLI) never sees half a file. */
export async function writeAtomically(file: string, text: string, mode?: number): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, text, { mode });
  await fs.rename(temp, file);
}

/** config.json's currentContext, or undefined when none is set. */
export function currentContextName(configText: string | undefined): string | undefined {
  if (!configText) return undefined;
  try {
    const config = JSON.parse(configText) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/** The current context's name, "default" when config.json names none. */
export async function currentContext(configDir: string): Promise<string> {
  const text = await fs.readFile(path.join(configDir, 'config.json'), 'utf8').catch(() => undefined);
  return currentContextName(text) ?? 'default';
}

/** The stored contexts (not the implicit "default"), sorted by name. */
export async function listContexts(configDir: string): Promise<DockerContext[]> {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  let ids: string[];
  try {
    ids = await fs.readdir(metaDir);
  } catch {
    ids = [];
  }
  const current = await currentContext(configDir);
  const contexts: DockerContext[] = [];
  for (const id of ids) {
    const meta = await readJson(path.join(metaDir, id, 'meta.json')).catch(() => undefined);
    const name = meta?.Name;
    if (typeof name !== 'string') continue;
    const docker = (meta?.Endpoints as { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } | undefined)?.docker;
    if (typeof docker?.Host !== 'string') continue;
    const description = (meta?.Metadata as { Description?: unknown } | undefined)?.Description;
    const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
    const present = await fs.readdir(tlsDir).catch(() => [] as string[]);
    contexts.push({
      name,
      description: typeof description === 'string' ? description : '',
      host: docker.Host,
      skipTlsVerify: docker.SkipTLSVerify === true,
      tlsFiles: TLS_FILES.filter((f) => present.includes(f)),
      current: name === current,
    });
  }
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates a context as `docker context create NAME --docker host=...,ca=...,cert=...,key=...` does. */
export async function createContext(configDir: string, spec: NewContext): Promise<void> {
  const problem = validateContextName(spec.name) ?? validateContextHost(spec.host);
  if (problem) throw new Error(problem);
  const id = contextId(spec.name);
  const metaDir = path.join(configDir, 'contexts', 'meta', id);
  if (await fs.stat(path.join(metaDir, 'meta.json')).catch(() => undefined)) throw new Error(`A context named "${spec.name}" already exists.`);
  await fs.mkdir(metaDir, { recursive: true });
  const tls = Object.entries(spec.tls ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  if (tls.length > 0) {
    const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
    await fs.mkdir(tlsDir, { recursive: true, mode: 0o700 });
    for (const [kind, pem] of tls) await writeAtomically(path.join(tlsDir, `${kind}.pem`), pem, 0o600);
  }
  const meta = {
    Name: spec.name,
    Metadata: spec.description ? { Description: spec.description } : {},
    Endpoints: { docker: { Host: spec.host, SkipTLSVerify: spec.skipTlsVerify === true } },
  };
  await writeAtomically(path.join(metaDir, 'meta.json'), JSON.stringify(meta), 0o644);
}

/** Makes `name` the current context, as `docker context use NAME`; other config.json fields are kept. */
export async function useContext(configDir: string, name: string): Promise<void> {
  if (name !== 'default' && !(await listContexts(configDir)).some((c) => c.name === name)) throw new Error(`There is no context named "${name}".`);
  const file = path.join(configDir, 'config.json');
  const config = (await readJson(file)) ?? {};
  // The CLI writes an empty currentContext when switching back to the default.
  config.currentContext = name === 'default' ? '' : name;
  await fs.mkdir(configDir, { recursive: true });
  await writeAtomically(file, JSON.stringify(config, null, '\t'), 0o600);
}

/**
 * Removes a context and its TLS files, as `docker context rm -f NAME`: removing the current one
 * makes "default" current again (callers confirm first, naming it).
 */
export async function removeContext(configDir: string, name: string): Promise<void> {
  if (name === 'default') throw new Error('The "default" context cannot be removed.');
  const id = contextId(name);
  const metaDir = path.join(configDir, 'contexts', 'meta', id);
  if (!(await fs.stat(path.join(metaDir, 'meta.json')).catch(() => undefined))) throw new Error(`There is no context named "${name}".`);
  if ((await currentContext(configDir)) === name) await useContext(configDir, 'default');
  await fs.rm(metaDir, { recursive: true, force: true });
  await fs.rm(path.join(configDir, 'contexts', 'tls', id), { recursive: true, force: true });
}
