import { CONFIG_KEYS, SECRET_KEYS } from './composeSchema';
import { scalarValue, ValidationContext } from './composeValidateContext';
import { externalFlag } from './composeValidateExternal';
import { MapEntry } from './composeYaml';

/**
 * Checks one top-level secret or config on its own: it needs exactly one source. On a single engine a
 * `file` is bind-mounted and `environment`/`content` are copied in. An `external` one (swarm only) or one
 * with a swarm `driver` loads, as in compose; docker compose refuses only a service that uses it, which
 * composeValidateFileRefs checks with the whole project, as it does a missing file.
 */
export function fileDefinitionCheck(kind: 'secrets' | 'configs'): (ctx: ValidationContext, def: MapEntry, path: string) => void {
  const keys = kind === 'secrets' ? SECRET_KEYS : CONFIG_KEYS;
  const sources = kind === 'secrets' ? ['file', 'environment'] : ['file', 'environment', 'content'];
  return (ctx, def, defPath) => {
    const map = ctx.map(def, defPath);
    if (!map) return;
    const fields = ctx.checkKeys(map, keys, defPath);
    let external = false;
    for (const field of fields) {
      const sub = `${defPath}.${field.key}`;
      if (field.key === 'external') external = externalFlag(ctx, field, fields, sub);
      else ctx.string(field, sub);
    }
    const given = fields.filter((f) => sources.includes(f.key) || (f.key === 'external' && external));
    // A swarm secret driver is the source itself; docker compose refuses it only where a service uses it.
    const driven = ctx.entries(map).some((f) => f.key === 'driver' && scalarValue(f.value) !== null);
    if (given.length > 1 || (given.length === 0 && !driven)) {
      const choices = [...sources, 'external'].join(', ');
      const target = given[1] ?? def.keyNode;
      ctx.error(target, 'invalid-value', `${defPath} needs exactly one of ${choices}${given.length > 1 ? `; it has ${given.map((f) => f.key).join(' and ')}` : ''}.`);
    }
  };
}
