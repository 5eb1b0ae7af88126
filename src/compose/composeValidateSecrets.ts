import * as path from 'node:path';
import { CONFIG_KEYS, SECRET_KEYS } from './composeSchema';
import { scalarValue, ValidationContext } from './composeValidateContext';
import { MapEntry } from './composeYaml';

export interface FileDefinitionOptions {
  baseDir?: string;
  fileExists?: (file: string) => boolean;
}

/**
 * Checks one top-level secret or config: it needs exactly one source. On a single engine a `file`
 * is bind-mounted and `environment`/`content` are copied in; `external` ones live in swarm only.
 */
export function fileDefinitionCheck(kind: 'secrets' | 'configs', options: FileDefinitionOptions): (ctx: ValidationContext, def: MapEntry, path: string) => void {
  const keys = kind === 'secrets' ? SECRET_KEYS : CONFIG_KEYS;
  const sources = kind === 'secrets' ? ['file', 'environment'] : ['file', 'environment', 'content'];
  return (ctx, def, defPath) => {
    const map = ctx.map(def, defPath);
    if (!map) return;
    const fields = ctx.checkKeys(map, keys, defPath);
    const given = fields.filter((f) => sources.includes(f.key) || (f.key === 'external' && scalarValue(f.value) === true));
    if (given.length !== 1) {
      const choices = [...sources, 'external'].join(', ');
      const target = given[1] ?? def.keyNode;
      ctx.error(target, 'invalid-value', `${defPath} needs exactly one of ${choices}${given.length > 1 ? `; it has ${given.map((f) => f.key).join(' and ')}` : ''}.`);
    }
    for (const field of fields) {
      const sub = `${defPath}.${field.key}`;
      if (field.key === 'external') {
        if (ctx.boolean(field, sub)) ctx.error(field, 'swarm-only', `${sub}: external ${kind} exist only in swarm; docker compose cannot use them on a single engine.`);
        continue;
      }
      const text = ctx.string(field, sub);
      if (field.key === 'file' && text !== undefined && options.fileExists) {
        const full = path.resolve(options.baseDir ?? '.', text);
        if (!options.fileExists(full)) ctx.error(field, 'missing-file', `${kind === 'secrets' ? 'Secret' : 'Config'} file "${text}" not found (looked for ${full}).`);
      }
    }
  };
}
