import { createHash } from 'node:crypto';
import { ComposeService } from './composeModelTypes';

/**
 * Fields that do not change what a container is: scaling, start order and profile selection are
 * handled without recreating, and a build's inputs only matter through the image they produce.
 */
const EXCLUDED: readonly (keyof ComposeService)[] = ['replicas', 'dependsOn', 'profiles', 'build'];

/**
 * The `com.docker.compose.config-hash` of a service: sha256 (hex) of its normalised config as JSON
 * with sorted keys, so the same config always hashes the same whatever the file's key order.
 */
export function serviceConfigHash(service: ComposeService): string {
  const config: Record<string, unknown> = { ...service };
  for (const key of EXCLUDED) delete config[key];
  // When to pull decides how the image is fetched, not what the container is.
  if (service.settings?.pullPolicy !== undefined) {
    const rest: Record<string, unknown> = { ...service.settings };
    delete rest.pullPolicy;
    config.settings = Object.keys(rest).length > 0 ? rest : undefined;
  }
  return createHash('sha256').update(stableStringify(config)).digest('hex');
}

/** JSON with object keys sorted at every level; undefined values are left out as JSON.stringify does. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stableStringify(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${fields.join(',')}}`;
}
