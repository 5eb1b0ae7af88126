import * as path from 'node:path';
import { isPlainMap, PlainMap } from './composeModelValues';

/**
 * A service from another folder (reached through `extends` or `include`) with its relative paths made
 * absolute against that folder, so the project resolves them where they were written: build
 * contexts, env_file and label_file entries, and bind-mount sources. `~` paths and remote build
 * contexts are left alone.
 */
export function rebaseService(service: PlainMap, fromDir: string): PlainMap {
  const result: PlainMap = { ...service };
  if (typeof result.build === 'string') result.build = rebaseContext(result.build, fromDir);
  else if (isPlainMap(result.build) && typeof result.build.context === 'string') {
    result.build = { ...result.build, context: rebaseContext(result.build.context, fromDir) };
  }
  if (isPlainMap(result.build) && result.build.context === undefined) result.build = { ...result.build, context: fromDir };
  result.env_file = rebaseFileList(result.env_file, fromDir);
  result.label_file = rebaseFileList(result.label_file, fromDir);
  if (result.env_file === undefined) delete result.env_file;
  if (result.label_file === undefined) delete result.label_file;
  if (Array.isArray(result.volumes)) result.volumes = result.volumes.map((volume) => rebaseVolume(volume, fromDir));
  return result;
}

function isRelative(p: string): boolean {
  return p !== '' && !path.isAbsolute(p) && !p.startsWith('~');
}

function rebaseContext(context: string, fromDir: string): string {
  // Git and HTTP contexts are addresses, not folders.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/')) return context;
  return isRelative(context) ? path.resolve(fromDir, context) : context;
}

function rebaseFileList(value: unknown, fromDir: string): unknown {
  const one = (item: unknown): unknown => {
    if (typeof item === 'string') return isRelative(item) ? path.resolve(fromDir, item) : item;
    if (isPlainMap(item) && typeof item.path === 'string' && isRelative(item.path)) return { ...item, path: path.resolve(fromDir, item.path) };
    return item;
  };
  return Array.isArray(value) ? value.map(one) : value === undefined ? undefined : one(value);
}

function rebaseVolume(volume: unknown, fromDir: string): unknown {
  if (typeof volume === 'string') {
    const colon = volume.indexOf(':');
    if (colon <= 0) return volume;
    const source = volume.slice(0, colon);
    // Short syntax: only "." paths are host paths; a bare name is a named volume.
    return source.startsWith('.') ? `${path.resolve(fromDir, source)}${volume.slice(colon)}` : volume;
  }
  if (isPlainMap(volume) && volume.type === 'bind' && typeof volume.source === 'string' && isRelative(volume.source)) {
    return { ...volume, source: path.resolve(fromDir, volume.source) };
  }
  return volume;
}
