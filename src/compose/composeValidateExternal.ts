import { isMap } from 'yaml';
import { scalarValue, ValidationContext } from './composeValidateContext';
import { MapEntry } from './composeYaml';

/**
 * `external: true`, or the older `external: { name: x }` that compose still reads (with `name` taking
 * its place); both names at once is an error, as in compose. Shared by networks, volumes, secrets and configs.
 */
export function externalFlag(ctx: ValidationContext, entry: MapEntry, siblings: MapEntry[], path: string): boolean {
  if (!isMap(entry.value)) return ctx.boolean(entry, path) ?? false;
  const fields = ctx.entries(entry.value);
  for (const field of fields) {
    if (field.key !== 'name') ctx.error(field.keyNode, 'unknown-key', `Unknown key "${field.key}" in ${path}; only "name" is allowed.`);
    else if (ctx.string(field, `${path}.name`) !== undefined) {
      const owner = path.slice(0, -'.external'.length);
      if (siblings.some((s) => s.key === 'name')) ctx.error(field, 'invalid-value', `${owner}: name and external.name conflict; only use name.`);
      else ctx.warn(entry.keyNode, 'deprecated-key', `${path}.name is deprecated: write "external: true" and "name: ${String(scalarValue(field.value))}".`);
    }
  }
  return true;
}
