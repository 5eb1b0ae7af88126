import { isMap, isSeq, Node } from 'yaml';
import { scalarValue, Target, ValidationContext } from './composeValidateContext';
import { FileUse } from './composeValidateFileRefs';
import { MapEntry } from './composeYaml';

export interface DeclaredNames {
  services: ReadonlySet<string>;
  secrets: { has(name: string): boolean };
  configs: { has(name: string): boolean };
}

/**
 * References a service's settings make to other services (network_mode, ipc and pid `service:x`,
 * links, volumes_from) and to the top-level secrets and configs: each must exist in the project.
 * Returns the uses of declared secrets and configs, for the checks of what they are.
 */
export function checkSettingsReferences(ctx: ValidationContext, service: string, fields: MapEntry[], declared: DeclaredNames): FileUse[] {
  const uses: FileUse[] = [];
  const field = (key: string): MapEntry | undefined => fields.find((f) => f.key === key);
  const needService = (target: Target, name: string, via: string): void => {
    if (!declared.services.has(name)) ctx.error(target, 'unknown-service', `Service "${service}" uses ${via} of undefined service "${name}".`);
  };
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const entry = field(key);
    const value = entry ? scalarValue(entry.value) : undefined;
    if (entry && typeof value === 'string' && value.startsWith('service:')) needService(entry, value.slice('service:'.length), `the ${key === 'network_mode' ? 'network' : key} namespace`);
  }
  for (const [item, text] of strings(ctx, field('links')?.value ?? null)) needService(item, text.split(':')[0], 'a link');
  for (const [item, text] of strings(ctx, field('volumes_from')?.value ?? null)) {
    if (text.startsWith('service:')) needService(item, text.slice('service:'.length).split(':')[0], 'the volumes');
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const seq = field(kind)?.value ?? null;
    if (!isSeq(seq)) continue;
    for (const item of ctx.items(seq)) {
      if (!item) continue;
      const sourceEntry = isMap(item) ? ctx.entries(item).find((f) => f.key === 'source') : undefined;
      const source = scalarValue(sourceEntry ? sourceEntry.value : item);
      if (typeof source !== 'string') continue;
      if (declared[kind].has(source)) uses.push({ ctx, target: sourceEntry ?? item, service, kind, name: source });
      else ctx.error(sourceEntry ?? item, `undefined-${kind === 'secrets' ? 'secret' : 'config'}`, `Service "${service}" uses ${kind === 'secrets' ? 'secret' : 'config'} "${source}", which is not declared under the top-level "${kind}".`);
    }
  }
  return uses;
}

/** Services that set both network_mode and networks (in any of the files): compose refuses them. */
export function checkNetworkModeConflict(ctx: ValidationContext, service: string, fields: MapEntry[], otherHasNetworks: boolean): void {
  const mode = fields.find((f) => f.key === 'network_mode' && scalarValue(f.value) !== null);
  const networks = fields.some((f) => f.key === 'networks' && scalarValue(f.value) !== null);
  if (mode && (networks || otherHasNetworks)) {
    ctx.error(mode.keyNode, 'invalid-value', `Service "${service}" sets both network_mode and networks; they exclude each other.`);
  }
  const value = mode ? scalarValue(mode.value) : undefined;
  const ports = fields.find((f) => f.key === 'ports' && isSeq(f.value) && f.value.items.length > 0);
  if (!ports || typeof value !== 'string') return;
  // The engine refuses published ports in another container's namespace and drops them on the host network.
  if (/^(service|container):/.test(value)) {
    ctx.error(ports.keyNode, 'invalid-value', `Service "${service}" uses network_mode ${value}, so it cannot publish ports; publish them on the container whose network it shares.`);
  } else if (value === 'host') {
    ctx.warn(ports.keyNode, 'ignored-key', `Service "${service}" uses the host network, where its ports are already the host's; the engine ignores ports.`);
  }
}

function strings(ctx: ValidationContext, node: Node | null): [Node, string][] {
  if (!isSeq(node)) return [];
  return ctx.items(node).flatMap((item): [Node, string][] => {
    const value = scalarValue(item);
    return item && typeof value === 'string' ? [[item, value]] : [];
  });
}
