import { isIP } from 'node:net';
import * as path from 'node:path';
import { isMap, isSeq, Node } from 'yaml';
import { parsePort } from './composePorts';
import {
  BUILD_KEYS,
  DEPENDS_ON_CONDITIONS,
  DEPENDS_ON_KEYS,
  ENV_FILE_KEYS,
  HEALTHCHECK_KEYS,
  PORT_KEYS,
  SERVICE_NETWORK_KEYS,
  SERVICE_VOLUME_KEYS,
} from './composeSchema';
import { parseDuration } from './composeUnits';
import { scalarValue, Target, ValidationContext, valueOf } from './composeValidateContext';
import { parseVolume } from './composeVolumeSpec';
import { MapEntry, yamlToPlain } from './composeYaml';

/** Reports at the entry of `map` named by `key` when there is one, else at `fallback`. */
function at(ctx: ValidationContext, node: Node, key: string | undefined, fallback: Target): Target {
  if (key === undefined || !isMap(node)) return fallback;
  return ctx.entries(node).find((entry) => entry.key === key) ?? fallback;
}

function eachItem(ctx: ValidationContext, entry: MapEntry, sub: string, check: (item: Node, itemPath: string) => void): void {
  const seq = ctx.seq(entry, sub);
  if (!seq) return;
  ctx.items(seq).forEach((item, i) => {
    if (item) check(item, `${sub}[${i}]`);
  });
}

export function validatePorts(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  eachItem(ctx, entry, sub, (item, itemPath) => {
    if (isMap(item)) ctx.checkKeys(item, PORT_KEYS, itemPath);
    const result = parsePort(yamlToPlain(item, ctx.parsed.doc));
    if (!result.ok) ctx.error(at(ctx, item, result.key, item), 'invalid-port', result.error);
  });
}

export function validateServiceVolumes(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  eachItem(ctx, entry, sub, (item, itemPath) => {
    if (isMap(item)) ctx.checkKeys(item, SERVICE_VOLUME_KEYS, itemPath);
    const result = parseVolume(yamlToPlain(item, ctx.parsed.doc));
    if (result.ok) return;
    const target = at(ctx, item, result.key, item);
    if (result.unsupported) ctx.warn(target, 'unsupported-value', result.error);
    else ctx.error(target, 'invalid-volume', result.error);
  });
}

export function validateServiceNetworks(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  const node = valueOf(entry);
  if (isSeq(node)) {
    ctx.stringList(entry, sub);
    return;
  }
  const map = ctx.map(entry, sub);
  if (!map) return;
  for (const network of ctx.entries(map)) {
    if (scalarValue(network.value) === null) continue;
    const netPath = `${sub}.${network.key}`;
    const settings = ctx.map(network, netPath);
    if (!settings) continue;
    for (const field of ctx.checkKeys(settings, SERVICE_NETWORK_KEYS, netPath)) validateServiceNetworkField(ctx, field, `${netPath}.${field.key}`);
  }
}

function validateServiceNetworkField(ctx: ValidationContext, field: MapEntry, fieldPath: string): void {
  switch (field.key) {
    case 'aliases':
      ctx.stringList(field, fieldPath);
      break;
    case 'link_local_ips':
      for (const [i, address] of (ctx.stringList(field, fieldPath) ?? []).entries()) {
        if (isIP(address) === 0) ctx.error(field, 'invalid-value', `${fieldPath}[${i}]: "${address}" is not an IP address.`);
      }
      break;
    case 'ipv4_address':
    case 'ipv6_address': {
      const version = field.key === 'ipv4_address' ? 4 : 6;
      const address = ctx.string(field, fieldPath);
      if (address !== undefined && isIP(address) !== version) ctx.error(field, 'invalid-value', `"${address}" is not an IPv${version} address.`);
      break;
    }
    case 'mac_address': {
      const mac = ctx.string(field, fieldPath);
      if (mac !== undefined && !/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(mac)) ctx.error(field, 'invalid-value', `${fieldPath} must be a MAC address such as 02:42:ac:11:00:02; got "${mac}".`);
      break;
    }
    case 'priority': {
      const value = scalarValue(field.value);
      if (typeof value !== 'number' || !Number.isInteger(value)) ctx.error(field, 'wrong-type', `${fieldPath} must be an integer.`);
      break;
    }
    case 'driver_opts':
      ctx.mapOrList(field, fieldPath, true);
      break;
  }
}

export function validateDependsOn(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  const node = valueOf(entry);
  if (isSeq(node)) {
    ctx.stringList(entry, sub);
    return;
  }
  const map = ctx.map(entry, sub);
  if (!map) return;
  for (const dep of ctx.entries(map)) {
    if (scalarValue(dep.value) === null) continue;
    const depPath = `${sub}.${dep.key}`;
    const settings = ctx.map(dep, depPath);
    if (!settings) continue;
    for (const field of ctx.checkKeys(settings, DEPENDS_ON_KEYS, depPath)) {
      if (field.key !== 'condition') {
        ctx.boolean(field, `${depPath}.${field.key}`);
        continue;
      }
      const condition = ctx.string(field, `${depPath}.condition`);
      if (condition !== undefined && !DEPENDS_ON_CONDITIONS.includes(condition)) {
        ctx.error(field, 'invalid-value', `${depPath}.condition must be one of ${DEPENDS_ON_CONDITIONS.join(', ')}; got "${condition}".`);
      }
    }
  }
}

export function validateHealthcheck(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  const map = ctx.map(entry, sub);
  if (!map) return;
  for (const field of ctx.checkKeys(map, HEALTHCHECK_KEYS, sub)) {
    const fieldPath = `${sub}.${field.key}`;
    if (field.key === 'test') validateHealthTest(ctx, field, fieldPath);
    else if (field.key === 'retries') ctx.integer(field, fieldPath, 0);
    else if (field.key === 'disable') ctx.boolean(field, fieldPath);
    else {
      const text = ctx.string(field, fieldPath);
      if (text !== undefined && parseDuration(text) === undefined) {
        ctx.error(field, 'invalid-value', `${fieldPath} must be a duration such as 30s, 1m30s or 500ms; got "${text}".`);
      }
    }
  }
}

function validateHealthTest(ctx: ValidationContext, field: MapEntry, fieldPath: string): void {
  const node = valueOf(field);
  if (!isSeq(node)) {
    ctx.string(field, fieldPath);
    return;
  }
  const items = ctx.stringList(field, fieldPath);
  if (!items || items.length === 0) return;
  if (!['NONE', 'CMD', 'CMD-SHELL'].includes(items[0])) {
    const first = ctx.items(node)[0];
    ctx.error(first ?? field, 'invalid-value', `${fieldPath} as a list must start with "CMD", "CMD-SHELL" or "NONE"; got "${items[0]}".`);
  }
}

export function validateExtraHosts(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  const node = valueOf(entry);
  if (isMap(node)) {
    for (const host of ctx.entries(node)) {
      const hostPath = `${sub}.${host.key}`;
      // One address, several separated by commas, or a list of them.
      const addresses = isSeq(host.value)
        ? ctx.items(host.value).map((item, i): [Target, string | undefined] => [item ?? host, item ? ctx.string(item, `${hostPath}[${i}]`) : undefined])
        : [[host, ctx.string(host, hostPath)] as [Target, string | undefined]];
      for (const [target, text] of addresses) {
        const bad = text?.split(',').find((address) => !isHostAddress(address.trim()));
        if (bad !== undefined) ctx.error(target, 'invalid-value', `"${bad}" is not an IP address or host-gateway.`);
      }
    }
    return;
  }
  eachItem(ctx, entry, sub, (item, itemPath) => {
    const text = ctx.string(item, itemPath);
    if (text === undefined) return;
    const separator = /[=:]/.exec(text);
    const host = separator ? text.slice(0, separator.index) : '';
    const addresses = separator ? text.slice(separator.index + 1).split(',') : [''];
    if (host === '' || !addresses.every((address) => isHostAddress(address.trim()))) {
      ctx.error(item, 'invalid-value', `Extra host "${text}" must have the form HOST:IP or HOST=IP, with several IPs separated by commas.`);
    }
  });
}

function isHostAddress(text: string): boolean {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare === 'host-gateway' || isIP(bare) !== 0;
}

export function validateEnvFile(ctx: ValidationContext, entry: MapEntry, sub: string, options: { baseDir?: string; fileExists?: (p: string) => boolean }): void {
  const check = (target: Target, file: string, required: boolean): void => {
    if (!options.fileExists || !required) return;
    const full = path.resolve(options.baseDir ?? '.', file);
    if (!options.fileExists(full)) ctx.error(target, 'missing-env-file', `Env file "${file}" not found (looked for ${full}).`);
  };
  if (!isSeq(valueOf(entry))) {
    const file = ctx.string(entry, sub);
    if (file !== undefined) check(entry, file, true);
    return;
  }
  eachItem(ctx, entry, sub, (item, itemPath) => {
    if (!isMap(item)) {
      const file = ctx.string(item, itemPath);
      if (file !== undefined) check(item, file, true);
      return;
    }
    const fields = ctx.checkKeys(item, ENV_FILE_KEYS, itemPath);
    const pathField = fields.find((field) => field.key === 'path');
    const requiredField = fields.find((field) => field.key === 'required');
    const required = requiredField ? ctx.boolean(requiredField, `${itemPath}.required`) : true;
    if (!pathField) {
      ctx.error(item, 'invalid-value', `${itemPath} needs a "path".`);
      return;
    }
    const file = ctx.string(pathField, `${itemPath}.path`);
    if (file !== undefined) check(pathField, file, required ?? true);
  });
}

export function validateBuild(ctx: ValidationContext, entry: MapEntry, sub: string): void {
  if (!isMap(valueOf(entry))) {
    ctx.string(entry, sub);
    return;
  }
  const map = ctx.map(entry, sub);
  if (!map) return;
  for (const field of ctx.checkKeys(map, BUILD_KEYS, sub)) {
    if (field.key === 'args') ctx.mapOrList(field, `${sub}.args`, false);
    else ctx.string(field, `${sub}.${field.key}`);
  }
  // Berth ignores build.ssh, but compose refuses a file whose ssh is neither a mapping nor a list (an empty "ssh:").
  const ssh = ctx.entries(map).find((field) => field.key === 'ssh');
  if (ssh) ctx.mapOrList(ssh, `${sub}.ssh`, false);
}
