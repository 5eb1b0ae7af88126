import { isPlainMap, PlainMap } from './composeModelValues';

const DEFINITIONS = ['networks', 'volumes', 'configs', 'secrets'];

/**
 * Rewrites the older `external: { name: x }` of top-level definitions into `external: true` and
 * `name: x`, the form the model reads (compose does the same when it loads a file).
 */
export function normalizeExternalNames(doc: PlainMap): PlainMap {
  const result: PlainMap = { ...doc };
  for (const kind of DEFINITIONS) {
    const defs = result[kind];
    if (!isPlainMap(defs)) continue;
    const normalized: PlainMap = {};
    for (const [key, def] of Object.entries(defs)) {
      if (isPlainMap(def) && isPlainMap(def.external)) {
        const name = def.name ?? def.external.name;
        normalized[key] = { ...def, external: true, ...(name === undefined ? {} : { name }) };
      } else normalized[key] = def;
    }
    result[kind] = normalized;
  }
  return result;
}
