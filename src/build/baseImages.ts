import { parseImageReference } from '../images/imageReference';
import type { ParsedDockerfile } from './dockerfileParse';

/**
 * The registries the build pulls base images from (undefined stands for Docker Hub), so their
 * credentials can go with the build as `docker build` sends them. FROM lines are expanded with the
 * global ARGs (the build's values over the Dockerfile's defaults); references to earlier stages,
 * `scratch` and what stays unresolved are left out.
 */
export function baseImageRegistries(parsed: ParsedDockerfile, args: Record<string, string> = {}): (string | undefined)[] {
  const values = new Map<string, string>();
  for (const arg of parsed.args) {
    if (!arg.global) continue;
    const value = args[arg.name] ?? arg.defaultValue;
    if (value !== undefined) values.set(arg.name, value);
  }
  const stages = new Set<string>();
  const registries = new Map<string, string | undefined>();
  for (const stage of parsed.stages) {
    const image = expand(stage.image, values);
    if (image !== undefined && image.toLowerCase() !== 'scratch' && !stages.has(image.toLowerCase())) {
      const parsedRef = parseImageReference(image);
      if (parsedRef.ok) registries.set(parsedRef.ref.registry ?? '', parsedRef.ref.registry);
    }
    if (stage.name) stages.add(stage.name);
  }
  return [...registries.values()];
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` from `values`; undefined when a variable has no value. */
function expand(text: string, values: Map<string, string>): string | undefined {
  let unresolved = false;
  const result = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_match, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = values.get(braced ?? bare ?? '');
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    unresolved = true;
    return '';
  });
  return unresolved || result === '' ? undefined : result;
}
