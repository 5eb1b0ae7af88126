import { posix } from 'node:path';

export const FILES_SCHEME = 'berth-files';

/** Where the files live: a container (by full ID) or a volume (by name, browsed through a helper container). */
export type FileTarget = { kind: 'container'; id: string } | { kind: 'volume'; name: string };

/** One path on one engine: `berth-files://<engine key>/<container id>/<path>` or `.../volume:<name>/<path>`. */
export interface FileLocation {
  engineKey: string;
  target: FileTarget;
  /** Absolute, normalised POSIX path inside the container or volume. */
  path: string;
}

const VOLUME_PREFIX = 'volume:';

/**
 * The URI path for a location. The target segment is percent-encoded so a name with "/" or "%"
 * cannot split it; the file path itself is left to vscode.Uri, which encodes it on its own.
 */
export function locationUriPath(target: FileTarget, path: string): string {
  const head = target.kind === 'container' ? target.id : VOLUME_PREFIX + encodeURIComponent(target.name);
  const rest = normalisePath(path);
  return `/${encodeURIComponent(head)}${rest === '/' ? '' : rest}`;
}

/** Reads a URI's authority and (decoded) path back; throws on anything that is not a Berth files URI. */
export function parseLocation(authority: string, uriPath: string): FileLocation {
  const match = /^\/([^/]+)(\/.*)?$/.exec(uriPath);
  if (!authority || !match) throw new Error(`Not a Berth files URI: ${FILES_SCHEME}://${authority}${uriPath}`);
  const head = decodeURIComponent(match[1]);
  const path = normalisePath(match[2] ?? '/');
  if (head.startsWith(VOLUME_PREFIX)) {
    const name = decodeURIComponent(head.slice(VOLUME_PREFIX.length));
    if (!name) throw new Error(`No volume name in ${uriPath}`);
    return { engineKey: authority, target: { kind: 'volume', name }, path };
  }
  return { engineKey: authority, target: { kind: 'container', id: head }, path };
}

/** Absolute, without "." / ".." / doubled or trailing slashes; ".." never climbs above the root. */
export function normalisePath(path: string): string {
  const normal = posix.normalize(`/${path}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** A name the user typed for a new entry: one path component, nothing that escapes the folder. */
export function validateEntryName(name: string): string | undefined {
  if (!name.trim()) return 'Enter a name.';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name === '.' || name === '..') return `"${name}" is not a valid name.`;
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  return undefined;
}
