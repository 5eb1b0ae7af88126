import * as path from 'node:path';
import { isMap } from 'yaml';
import { scalarValue, Target, ValidationContext } from './composeValidateContext';
import { MapEntry } from './composeYaml';

export type FileKind = 'secrets' | 'configs';

/** What the project's files say about one top-level secret or config, later files winning. */
export interface FileDefinition {
  external: boolean;
  driver: boolean;
  templateDriver: boolean;
  file?: { ctx: ValidationContext; entry: MapEntry; text: string };
}

/** A service's reference to a declared secret or config. */
export interface FileUse {
  ctx: ValidationContext;
  target: Target;
  service: string;
  kind: FileKind;
  name: string;
}

/** Folds one file's definition of a secret or config into what earlier files said. */
export function addFileDefinition(ctx: ValidationContext, def: MapEntry, known: FileDefinition | undefined): FileDefinition {
  const result: FileDefinition = known ?? { external: false, driver: false, templateDriver: false };
  if (!isMap(def.value)) return result;
  for (const field of ctx.entries(def.value)) {
    const value = scalarValue(field.value);
    if (field.key === 'external') result.external = value === true || isMap(field.value);
    else if (field.key === 'driver') result.driver = value !== null;
    else if (field.key === 'template_driver') result.templateDriver = value !== null;
    else if (field.key === 'file') result.file = typeof value === 'string' ? { ctx, entry: field, text: value } : undefined;
  }
  return result;
}

/**
 * docker compose reads a secret or config only for a service that uses it, so only there does it refuse
 * what a single engine cannot provide (an external or driver-made one) or a file that is missing.
 * Unused definitions load, as in compose; a missing file of one is a warning.
 */
export function checkFileUses(definitions: Record<FileKind, Map<string, FileDefinition>>, uses: FileUse[], fileExists: ((file: string) => boolean) | undefined): void {
  const used = new Set(uses.map((use) => `${use.kind}\u0000${use.name}`));
  for (const use of uses) {
    const def = definitions[use.kind].get(use.name);
    if (!def) continue;
    const what = `${use.kind === 'secrets' ? 'secret' : 'config'} "${use.name}"`;
    if (def.external) {
      use.ctx.error(use.target, 'swarm-only', `Service "${use.service}" uses external ${what}: external ${use.kind} exist only in swarm, and docker compose refuses them on a single engine ("unsupported external ${use.kind === 'secrets' ? 'secret' : 'config'}").`);
    } else if (def.driver || def.templateDriver) {
      const key = def.driver ? 'driver' : 'template_driver';
      use.ctx.error(use.target, 'swarm-only', `Service "${use.service}" uses ${what}, which sets ${key} (swarm only); docker compose refuses it on a single engine ("docker compose does not support ${use.kind}.*.${key}").`);
    }
  }
  if (!fileExists) return;
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [name, def] of definitions[kind]) {
      const composeFile = def.file?.ctx.parsed.file;
      if (!def.file || def.external || composeFile === undefined) continue;
      const full = path.resolve(path.dirname(composeFile), def.file.text);
      if (fileExists(full)) continue;
      const message = `${kind === 'secrets' ? 'Secret' : 'Config'} file "${def.file.text}" not found (looked for ${full}).`;
      if (used.has(`${kind}\u0000${name}`)) def.file.ctx.error(def.file.entry, 'missing-file', `${message} A service uses it, so docker compose cannot start that service without it.`);
      else def.file.ctx.warn(def.file.entry, 'missing-file', `${message} No service uses it yet.`);
    }
  }
}
