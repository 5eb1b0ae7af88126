import { isIP } from 'node:net';
import { isMap } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink } from './composeDiagnostics';
import { ParsedComposeFile } from './composeParse';
import { IPAM_CONFIG_KEYS, IPAM_KEYS, NETWORK_KEYS, PROJECT_NAME, TOP_LEVEL_KEYS, VOLUME_KEYS } from './composeSchema';
import { scalarValue, ValidationContext } from './composeValidateContext';
import { validateIpamOption, validateIpamPoolField } from './composeValidateNetworkOptions';
import { externalFlag } from './composeValidateExternal';
import { fileDefinitionCheck } from './composeValidateSecrets';
import { validateService, ValidateServiceOptions } from './composeValidateService';
import { MapEntry } from './composeYaml';

export type ValidateOptions = ValidateServiceOptions;

/**
 * Checks one (interpolated) compose file on its own: keys, value types and value formats. Checks that
 * need every file of the project (references between services, volumes and networks) are in
 * composeValidateRefs.
 */
export function validateComposeFile(parsed: ParsedComposeFile, options: ValidateOptions = {}): ComposeDiagnostic[] {
  const sink = new DiagnosticSink(parsed.index, parsed.file);
  const ctx = new ValidationContext(parsed, sink);
  const root = parsed.doc.contents;
  if (root === null || root === undefined) return sink.diagnostics;
  if (!isMap(root)) {
    ctx.error(root, 'wrong-type', 'A compose file must be a mapping with a "services" key.');
    return sink.diagnostics;
  }
  for (const entry of ctx.checkKeys(root, TOP_LEVEL_KEYS, '')) {
    switch (entry.key) {
      case 'version':
        ctx.warn(entry.keyNode, 'obsolete-version', '"version" is obsolete and ignored; compose files no longer need it.');
        break;
      case 'name': {
        // Unlike most strings, compose refuses a number here ("name: 123").
        const name = typeof scalarValue(entry.value) === 'string' ? (scalarValue(entry.value) as string) : undefined;
        if (name === undefined) ctx.error(entry, 'wrong-type', 'name must be a string.');
        if (name !== undefined && !PROJECT_NAME.test(name)) {
          ctx.error(entry, 'invalid-value', `Project name "${name}" must contain only lowercase letters, digits, "-" and "_", and start with a letter or digit.`);
        }
        break;
      }
      case 'services':
        validateServices(ctx, entry, options);
        break;
      case 'networks':
        eachDefinition(ctx, entry, 'networks', validateNetwork);
        break;
      case 'volumes':
        eachDefinition(ctx, entry, 'volumes', validateVolume);
        break;
      case 'secrets':
      case 'configs':
        eachDefinition(ctx, entry, entry.key, fileDefinitionCheck(entry.key));
        break;
    }
  }
  return sink.diagnostics;
}

function validateServices(ctx: ValidationContext, entry: MapEntry, options: ValidateOptions): void {
  if (scalarValue(entry.value) === null || (isMap(entry.value) && entry.value.items.length === 0)) return;
  const services = ctx.map(entry, 'services');
  if (!services) return;
  // Under services, networks and volumes an `x-` name is an ordinary name (compose runs `x-foo`).
  for (const service of ctx.entries(services)) validateService(ctx, service, options);
}

// Top-level networks and volumes: a mapping of names, each a mapping or empty.
function eachDefinition(ctx: ValidationContext, entry: MapEntry, kind: string, check: (ctx: ValidationContext, def: MapEntry, path: string) => void): void {
  if (scalarValue(entry.value) === null) return;
  const defs = ctx.map(entry, kind);
  if (!defs) return;
  for (const def of ctx.entries(defs)) {
    if (scalarValue(def.value) === null) continue;
    check(ctx, def, `${kind}.${def.key}`);
  }
}

function validateNetwork(ctx: ValidationContext, def: MapEntry, path: string): void {
  const map = ctx.map(def, path);
  if (!map) return;
  const entries = ctx.checkKeys(map, NETWORK_KEYS, path);
  let external = false;
  for (const entry of entries) {
    const sub = `${path}.${entry.key}`;
    if (entry.key === 'external') external = externalFlag(ctx, entry, entries, sub);
    else if (entry.key === 'internal' || entry.key === 'attachable' || entry.key === 'enable_ipv6') ctx.boolean(entry, sub);
    else if (entry.key === 'driver_opts') ctx.mapOrList(entry, sub, true);
    else if (entry.key === 'driver' || entry.key === 'name') ctx.string(entry, sub);
    else if (entry.key === 'labels') ctx.mapOrList(entry, sub, false);
    else if (entry.key === 'ipam') validateIpam(ctx, entry, sub);
  }
  if (external) {
    conflictsWithExternal(ctx, ctx.entries(map), path, ['driver', 'driver_opts', 'labels']);
    warnIgnoredForExternal(ctx, entries, path, ['internal', 'attachable', 'ipam', 'enable_ipv6']);
  }
}

function validateIpam(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const ipam = ctx.map(entry, path);
  if (!ipam) return;
  for (const sub of ctx.checkKeys(ipam, IPAM_KEYS, path)) {
    if (sub.key !== 'config') {
      validateIpamOption(ctx, sub, `${path}.${sub.key}`);
      continue;
    }
    const configs = ctx.seq(sub, `${path}.config`);
    if (!configs) continue;
    ctx.items(configs).forEach((item, i) => {
      const itemPath = `${path}.config[${i}]`;
      const config = item ? ctx.map(item, itemPath) : undefined;
      if (!config) return;
      for (const field of ctx.checkKeys(config, IPAM_CONFIG_KEYS, itemPath)) {
        if (field.key !== 'subnet') {
          validateIpamPoolField(ctx, field, `${itemPath}.${field.key}`);
          continue;
        }
        const subnet = ctx.string(field, `${itemPath}.subnet`);
        if (subnet !== undefined && !isCidr(subnet)) ctx.error(field, 'invalid-value', `"${subnet}" is not a subnet in CIDR notation, e.g. 172.28.0.0/16.`);
      }
    });
  }
}

function validateVolume(ctx: ValidationContext, def: MapEntry, path: string): void {
  const map = ctx.map(def, path);
  if (!map) return;
  const entries = ctx.checkKeys(map, VOLUME_KEYS, path);
  let external = false;
  for (const entry of entries) {
    const sub = `${path}.${entry.key}`;
    if (entry.key === 'external') external = externalFlag(ctx, entry, entries, sub);
    else if (entry.key === 'driver' || entry.key === 'name') ctx.string(entry, sub);
    else if (entry.key === 'labels') ctx.mapOrList(entry, sub, false);
    else if (entry.key === 'driver_opts') ctx.mapOrList(entry, sub, true);
  }
  if (external) conflictsWithExternal(ctx, ctx.entries(map), path, ['driver', 'driver_opts', 'labels']);
}

// Compose refuses settings for creating an object it does not create.
function conflictsWithExternal(ctx: ValidationContext, entries: MapEntry[], path: string, keys: string[]): void {
  for (const entry of entries) {
    if (keys.includes(entry.key)) ctx.error(entry.keyNode, 'external-conflict', `${path}: conflicting parameters "external" and "${entry.key}" specified; compose does not create an external ${path.split('.')[0].slice(0, -1)}.`);
  }
}

// Compose manages nothing about an external object but its name; settings for creating it do nothing.
function warnIgnoredForExternal(ctx: ValidationContext, entries: MapEntry[], path: string, keys: string[]): void {
  for (const entry of entries) {
    if (keys.includes(entry.key)) ctx.warn(entry.keyNode, 'ignored-key', `${path}.${entry.key} is ignored because ${path} is external.`);
  }
}

export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const version = isIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (version === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}
