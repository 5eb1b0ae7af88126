import * as path from 'node:path';
import { VariableLookup } from './composeTemplate';

export type PlainMap = Record<string, unknown>;

/** A mapping from a compose document; class instances (such as merge markers) are not. */
export function isPlainMap(value: unknown): value is PlainMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const text = asString(item);
    return text === undefined ? [] : [text];
  });
}

/**
 * A `KEY: value` mapping or `KEY=value` list as a string map. A name without a value takes `fallback`
 * (the environment for `environment`), and is left out when that has none.
 */
export function keyValueMap(value: unknown, fallback: VariableLookup = () => ''): Record<string, string> {
  const result: Record<string, string> = {};
  const put = (key: string, raw: unknown): void => {
    const text = raw === null || raw === undefined ? fallback(key) : asString(raw);
    if (text !== undefined) result[key] = text;
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = asString(item);
      if (text === undefined || text === '') continue;
      const eq = text.indexOf('=');
      if (eq < 0) put(text, null);
      else put(text.slice(0, eq), text.slice(eq + 1));
    }
  } else if (isPlainMap(value)) {
    for (const [key, raw] of Object.entries(value)) put(key, raw);
  }
  return result;
}

/** A host path from a compose file: `~` is the user's home, relative paths start at the project folder. */
export function resolveHostPath(source: string, workingDir: string, homeDir: string): string {
  if (source === '~') return homeDir;
  if (source.startsWith('~/')) return path.join(homeDir, source.slice(2));
  return path.resolve(workingDir, source);
}

/** Compose's rule for names derived from folders: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}
