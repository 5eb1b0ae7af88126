import * as path from 'node:path';
import { ComposeFileSet, entryAt } from './composeFileSet';
import { mergeService } from './composeMerge';
import { asString, isPlainMap, PlainMap } from './composeModelValues';
import { ParsedComposeFile } from './composeParse';
import { rebaseService } from './composeRebase';
import { VariableLookup } from './composeTemplate';

interface Place {
  parsed: ParsedComposeFile | undefined;
  file: string;
  services: PlainMap;
}

/**
 * Resolves `extends` in one document's services, as compose does for each file before merging
 * overrides: the base service (from the same file or another, itself resolved first) is merged with
 * the extending one by the override rules. Paths of a base from another folder stay relative to that
 * folder. Cycles, missing files and missing services are reported at the `extends` entry.
 */
export function applyExtends(data: PlainMap, parsed: ParsedComposeFile, set: ComposeFileSet, lookup: VariableLookup): PlainMap {
  if (!isPlainMap(data.services) || parsed.file === undefined) return data;
  const place: Place = { parsed, file: parsed.file, services: data.services };
  const services: PlainMap = {};
  for (const [name, service] of Object.entries(data.services)) {
    services[name] = isPlainMap(service) && service.extends !== undefined ? resolve(place, name, [], set, lookup) : service;
  }
  return { ...data, services };
}

// Resolved services per load, so a long chain of extends costs each link once.
const resolvedCache = new WeakMap<ComposeFileSet, Map<string, { source: unknown; value: PlainMap }>>();

function resolve(place: Place, name: string, chain: string[], set: ComposeFileSet, lookup: VariableLookup): PlainMap {
  let cache = resolvedCache.get(set);
  if (!cache) resolvedCache.set(set, (cache = new Map()));
  const cacheKey = `${place.file}\u0000${name}`;
  const cached = cache.get(cacheKey);
  if (cached && place.services[name] === cached.source) return cached.value;
  const value = resolveUncached(place, name, chain, set, lookup);
  cache.set(cacheKey, { source: place.services[name], value });
  return value;
}

function resolveUncached(place: Place, name: string, chain: string[], set: ComposeFileSet, lookup: VariableLookup): PlainMap {
  const service = place.services[name] as PlainMap;
  const { extends: spec, ...own } = service;
  if (spec === undefined) return own;
  const where = entryAt(place.parsed, ['services', name, 'extends']);
  const report = (code: string, message: string): PlainMap => {
    set.report(place.parsed, where, code, message, place.file);
    return own;
  };
  const target = typeof spec === 'string' ? { service: spec } : isPlainMap(spec) ? { service: asString(spec.service), file: asString(spec.file) } : undefined;
  if (!target?.service) return report('invalid-extends', `services.${name}.extends must name a service: "extends: other" or "extends: { service: other, file: other.yaml }".`);
  const key = `${place.file}\u0000${name}`;
  if (chain.includes(key)) {
    const names = [...chain, key].map((k) => k.split('\u0000')[1]);
    return report('extends-cycle', `Service "${name}" extends itself: ${names.join(' -> ')}.`);
  }
  let basePlace: Place = place;
  if (target.file !== undefined) {
    const file = path.resolve(path.dirname(place.file), target.file);
    const loaded = set.load(file, lookup, true);
    if (!loaded) return report('missing-file', `The file "${target.file}" that services.${name} extends was not found (${file}).`);
    basePlace = { parsed: loaded.plain[0]?.parsed ?? loaded.docs[0], file, services: set.services(loaded) };
  }
  if (!isPlainMap(basePlace.services[target.service])) {
    const inFile = target.file !== undefined ? ` in ${target.file}` : '';
    return report('unknown-service', `Service "${name}" extends "${target.service}", which is not defined${inFile}.`);
  }
  let base = resolve(basePlace, target.service, [...chain, key], set, lookup);
  if (path.dirname(basePlace.file) !== path.dirname(place.file)) base = rebaseService(base, path.dirname(basePlace.file));
  return mergeService(base, own);
}
