import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The names compose looks for, in its order of preference. */
export const DEFAULT_COMPOSE_FILE_NAMES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;
const OVERRIDE_NAME = /^(docker-)?compose\.override\.ya?ml$/i;

/** Whether a file name looks like a compose file: `compose.yaml`, `docker-compose.prod.yml`, overrides included. */
export function isComposeFileName(fileName: string): boolean {
  return COMPOSE_NAME.test(path.basename(fileName));
}

/** Whether a file name is one of the override files compose applies on its own. */
export function isOverrideFileName(fileName: string): boolean {
  return OVERRIDE_NAME.test(path.basename(fileName));
}

/**
 * The override files that go with a compose file, most preferred first: `compose.yaml` pairs with
 * `compose.override.yaml` / `.yml`, `docker-compose.yml` with `docker-compose.override.yml` / `.yaml`.
 * Same extension first. Other names (`compose.prod.yaml`) have no automatic override.
 */
export function overrideFileNamesFor(composeFile: string): string[] {
  const base = path.basename(composeFile);
  const match = /^((?:docker-)?compose)\.(ya?ml)$/i.exec(base);
  if (!match) return [];
  const [, stem, ext] = match;
  const other = ext.toLowerCase() === 'yaml' ? 'yml' : 'yaml';
  const dir = path.dirname(composeFile);
  return [`${stem}.override.${ext}`, `${stem}.override.${other}`].map((name) => path.join(dir, name));
}

export interface DiscoveredComposeFiles {
  /** Files to merge, base first. */
  files: string[];
  /** Other default names present in the folder that were not used (compose warns about these). */
  ignored: string[];
}

/**
 * The files `docker compose` uses when none are given: the first default name present in `dir`, plus
 * its override file when one exists. Undefined when the folder has no compose file.
 */
export function discoverComposeFiles(dir: string, exists: (file: string) => boolean = existsSync): DiscoveredComposeFiles | undefined {
  const present = DEFAULT_COMPOSE_FILE_NAMES.map((name) => path.join(dir, name)).filter((file) => exists(file));
  if (present.length === 0) return undefined;
  const base = present[0];
  const override = overrideFileNamesFor(base).find((file) => exists(file));
  return { files: override ? [base, override] : [base], ignored: present.slice(1) };
}

/** For an explicitly chosen file: the file and its override, when that exists. */
export function withOverride(composeFile: string, exists: (file: string) => boolean = existsSync): string[] {
  const override = overrideFileNamesFor(composeFile).find((file) => exists(file));
  return override ? [composeFile, override] : [composeFile];
}
