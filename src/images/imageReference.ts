/**
 * Image references as the engine parses them (the distribution "reference" grammar), checked here so a
 * typo gets a precise message instead of the engine's bare "invalid reference format".
 */
export interface ImageReference {
  /** Registry host[:port]; undefined for Docker Hub (also when written as docker.io or index.docker.io). */
  registry?: string;
  /** Repository path; Docker Hub official images without "library/", as the engine lists them. */
  repository: string;
  tag?: string;
  digest?: string;
  /** normalised, tag defaulted to latest unless digest */
  full: string;
}

export type ImageReferenceResult = { ok: true; ref: ImageReference } | { ok: false; message: string };

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const MAX_NAME_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;
// The registered algorithms have fixed lengths; anything else only needs 32+ hex digits.
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function invalid(text: string, reason: string): ImageReferenceResult {
  return { ok: false, message: `'${text}' is not a valid image reference: ${reason}` };
}

function checkRegistry(host: string): string | undefined {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) return undefined;
  const colon = host.lastIndexOf(':');
  const name = colon >= 0 ? host.slice(0, colon) : host;
  const port = colon >= 0 ? host.slice(colon + 1) : undefined;
  if (port !== undefined && !/^\d+$/.test(port)) return `the registry port in '${host}' must be a number`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `the registry port in '${host}' is out of range`;
  if (!name.split('.').every((c) => DOMAIN_COMPONENT.test(c))) {
    return `'${host}' is not a valid registry host name`;
  }
  return undefined;
}

function checkDigest(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = colon > 0 ? digest.slice(0, colon) : '';
  const hex = colon > 0 ? digest.slice(colon + 1) : '';
  if (!DIGEST_ALGORITHM.test(algorithm) || !hex) return `the digest '${digest}' must look like sha256:<64 hex digits>`;
  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected !== undefined) {
    if (!/^[a-f0-9]+$/.test(hex) || hex.length !== expected) {
      return `a ${algorithm} digest needs exactly ${expected} lowercase hex digits`;
    }
  } else if (!/^[a-fA-F0-9]{32,}$/.test(hex)) {
    return `the digest '${digest}' must be followed by at least 32 hex digits`;
  }
  return undefined;
}

/** Parses "[registry/]path[:tag][@digest]" and normalises it the way the engine names images. */
export function parseImageReference(text: string): ImageReferenceResult {
  const input = text.trim();
  if (!input) return { ok: false, message: "Enter an image reference, e.g. 'nginx:latest'." };
  if (/\s/.test(input)) return invalid(input, 'it contains spaces');

  const at = input.indexOf('@');
  const namePart = at >= 0 ? input.slice(0, at) : input;
  const digest = at >= 0 ? input.slice(at + 1) : undefined;
  if (digest !== undefined) {
    if (digest.includes('@')) return invalid(input, "only one '@' (before the digest) is allowed");
    const problem = checkDigest(digest);
    if (problem) return invalid(input, problem);
  }

  // A ':' after the last '/' introduces the tag; earlier ones belong to the registry port.
  const lastSlash = namePart.lastIndexOf('/');
  const tagColon = namePart.indexOf(':', lastSlash + 1);
  const name = tagColon >= 0 ? namePart.slice(0, tagColon) : namePart;
  const tag = tagColon >= 0 ? namePart.slice(tagColon + 1) : undefined;
  if (!name) return invalid(input, 'the repository name is missing');
  if (tag !== undefined) {
    if (tag.includes(':')) return invalid(input, "only one ':' may follow the repository name, before the tag");
    if (!TAG.test(tag)) {
      return invalid(input, `the tag '${tag}' must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-' (at most 128 characters)`);
    }
  }

  const components = name.split('/');
  const first = components[0];
  const hasRegistry = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : undefined;
  const pathComponents = hasRegistry ? components.slice(1) : components;

  if (registry !== undefined) {
    const problem = checkRegistry(registry);
    if (problem) return invalid(input, problem);
  }
  const path = pathComponents.join('/');
  if (path !== path.toLowerCase()) return { ok: false, message: `Image references must be lowercase: '${input}'` };
  for (const component of pathComponents) {
    if (!component) return invalid(input, 'the repository path has an empty component');
    if (!PATH_COMPONENT.test(component)) {
      return invalid(
        input,
        `'${component}' may only contain lowercase letters and digits, separated by '.', '_', '__' or '-'`,
      );
    }
  }
  if (name.length > MAX_NAME_LENGTH) return invalid(input, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  if (!hasRegistry && IMAGE_ID.test(path)) {
    return invalid(input, 'a 64-digit hexadecimal string is an image ID, not a repository name');
  }

  let repository = path;
  if (registry !== undefined && HUB_ALIASES.has(registry.toLowerCase())) registry = undefined;
  if (registry === undefined && repository.startsWith('library/') && pathComponents.length === 2) {
    repository = repository.slice('library/'.length);
  }

  const base = registry ? `${registry}/${repository}` : repository;
  const effectiveTag = tag ?? (digest ? undefined : 'latest');
  const full = `${base}${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`;
  const ref: ImageReference = { repository, full };
  if (registry !== undefined) ref.registry = registry;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref };
}

/** The repository with its registry, without tag or digest: what the engine's pull takes as fromImage. */
export function repositoryName(ref: ImageReference): string {
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}
