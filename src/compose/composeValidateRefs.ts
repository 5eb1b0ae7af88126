import { isMap, isSeq, Node, YAMLMap } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink } from './composeDiagnostics';
import { findCycles } from './composeDeps';
import { ParsedComposeFile } from './composeParse';
import { scalarValue, Target, ValidationContext } from './composeValidateContext';
import { addFileDefinition, checkFileUses, FileDefinition, FileUse } from './composeValidateFileRefs';
import { checkNetworkModeConflict, checkSettingsReferences } from './composeValidateServiceRefs';
import { parseVolume } from './composeVolumeSpec';
import { MapEntry, yamlToPlain } from './composeYaml';

interface Occurrence {
  ctx: ValidationContext;
  entry: MapEntry;
  map?: YAMLMap;
}

interface Reference {
  ctx: ValidationContext;
  target: Target;
  name: string;
}

/**
 * Checks what only the whole project can tell, across the files merged into it (an override may
 * declare the volume a base file uses): that each service has an image or a build, that depends_on,
 * named volumes and networks refer to things that exist, and that dependencies form no cycle; and
 * that the secrets and configs services use can be provided on a single engine (`fileExists`, when
 * given, checks their files).
 */
export function validateComposeReferences(files: ParsedComposeFile[], options: { fileExists?: (file: string) => boolean } = {}): ComposeDiagnostic[] {
  const contexts = files.map((parsed) => new ValidationContext(parsed, new DiagnosticSink(parsed.index, parsed.file)));
  const services = new Map<string, Occurrence[]>();
  const volumes = new Set<string>();
  const networks = new Set<string>(['default']);
  const secrets = new Map<string, FileDefinition>();
  const configs = new Map<string, FileDefinition>();
  const fileUses: FileUse[] = [];
  for (const ctx of contexts) {
    const root = ctx.parsed.doc.contents;
    if (!isMap(root)) continue;
    for (const top of ctx.entries(root)) {
      if (!isMap(top.value)) continue;
      for (const item of ctx.entries(top.value)) {
        if (top.key === 'volumes') volumes.add(item.key);
        if (top.key === 'networks') networks.add(item.key);
        if (top.key === 'secrets') secrets.set(item.key, addFileDefinition(ctx, item, secrets.get(item.key)));
        if (top.key === 'configs') configs.set(item.key, addFileDefinition(ctx, item, configs.get(item.key)));
        if (top.key !== 'services') continue;
        const list = services.get(item.key) ?? [];
        list.push({ ctx, entry: item, map: isMap(item.value) ? item.value : undefined });
        services.set(item.key, list);
      }
    }
  }
  const graph: Record<string, string[]> = {};
  const edges = new Map<string, Reference>();
  const declared = { services: new Set(services.keys()), secrets, configs };
  for (const [name, occurrences] of services) {
    checkImageOrBuild(name, occurrences);
    checkContainerName(name, occurrences);
    graph[name] = [];
    for (const { ctx, map } of occurrences) {
      if (!map) continue;
      const fields = ctx.entries(map);
      const field = (key: string): Node | null => fields.find((f) => f.key === key)?.value ?? null;
      for (const dep of listOrMapNames(ctx, field('depends_on'))) {
        if (!services.has(dep.name)) {
          const optional = isMap(dep.settings) && ctx.entries(dep.settings).some((f) => f.key === 'required' && scalarValue(f.value) === false);
          const message = `Service "${name}" depends on undefined service "${dep.name}".`;
          if (optional) ctx.warn(dep.target, 'unknown-service', `${message} It is optional (required: false) and skipped.`);
          else ctx.error(dep.target, 'unknown-service', message);
          continue;
        }
        if (!graph[name].includes(dep.name)) graph[name].push(dep.name);
        if (!edges.has(`${name}\u0000${dep.name}`)) edges.set(`${name}\u0000${dep.name}`, { ctx, target: dep.target, name: dep.name });
      }
      for (const net of listOrMapNames(ctx, field('networks'))) {
        if (!networks.has(net.name)) ctx.error(net.target, 'undefined-network', `Service "${name}" uses network "${net.name}", which is not declared under the top-level "networks".`);
      }
      checkNamedVolumes(ctx, name, field('volumes'), volumes);
      fileUses.push(...checkSettingsReferences(ctx, name, fields, declared));
      const networksElsewhere = occurrences.some((o) => o.map && o.map !== map && o.ctx.entries(o.map).some((f) => f.key === 'networks' && scalarValue(f.value) !== null));
      checkNetworkModeConflict(ctx, name, fields, networksElsewhere);
    }
  }
  checkFileUses({ secrets, configs }, fileUses, options.fileExists);
  for (const cycle of findCycles(graph)) {
    const edge = edges.get(`${cycle[0]}\u0000${cycle[1]}`);
    if (edge) edge.ctx.error(edge.target, 'dependency-cycle', `Dependency cycle: ${cycle.join(' -> ')}.`);
  }
  return contexts.flatMap((ctx) => ctx.sink.diagnostics);
}

function checkImageOrBuild(name: string, occurrences: Occurrence[]): void {
  // A service that is not a mapping anywhere is already reported as such.
  if (occurrences.every((occurrence) => !occurrence.map)) return;
  // A service that extends another may take its image from it (the loader checks it once resolved); a
  // provider service runs no container.
  const has = occurrences.some(({ ctx, map }) => map && ctx.entries(map).some((f) => (f.key === 'image' || f.key === 'build' || f.key === 'extends' || f.key === 'provider') && scalarValue(f.value) !== null));
  if (has) return;
  const first = occurrences[0];
  first.ctx.error(first.entry.keyNode, 'missing-image', `Service "${name}" has neither an "image" nor a "build".`);
}

// The last file that sets a value wins, as in the merged project.
function checkContainerName(name: string, occurrences: Occurrence[]): void {
  let containerName: { ctx: ValidationContext; entry: MapEntry } | undefined;
  let replicas = 1;
  for (const { ctx, map } of occurrences) {
    if (!map) continue;
    for (const field of ctx.entries(map)) {
      if (field.key === 'container_name') containerName = scalarValue(field.value) === null ? undefined : { ctx, entry: field };
      if (field.key === 'deploy' && isMap(field.value)) {
        const value = scalarValue(ctx.entries(field.value).find((f) => f.key === 'replicas')?.value ?? null);
        if (typeof value === 'number') replicas = value;
      }
    }
  }
  if (containerName && replicas > 1) {
    containerName.ctx.error(containerName.entry, 'invalid-value', `Service "${name}" sets container_name, so it cannot run ${replicas} replicas: container names are unique.`);
  }
}

function checkNamedVolumes(ctx: ValidationContext, service: string, node: Node | null, declared: Set<string>): void {
  if (!isSeq(node)) return;
  for (const item of ctx.items(node)) {
    if (!item) continue;
    const result = parseVolume(yamlToPlain(item, ctx.parsed.doc));
    if (!result.ok || result.mount.type !== 'volume' || result.mount.source === undefined) continue;
    if (declared.has(result.mount.source)) continue;
    const target = isMap(item) ? (ctx.entries(item).find((f) => f.key === 'source') ?? item) : item;
    ctx.error(target, 'undefined-volume', `Service "${service}" uses volume "${result.mount.source}", which is not declared under the top-level "volumes".`);
  }
}

/** Names listed in a list-or-mapping field (depends_on, networks), each with where it is written. */
function listOrMapNames(ctx: ValidationContext, node: Node | null): { name: string; target: Target; settings: Node | null }[] {
  if (isSeq(node)) {
    return ctx.items(node).flatMap((item) => {
      const value = scalarValue(item);
      return item && typeof value === 'string' ? [{ name: value, target: item, settings: null }] : [];
    });
  }
  if (isMap(node)) return ctx.entries(node).map((entry) => ({ name: entry.key, target: entry.keyNode, settings: entry.value }));
  return [];
}
