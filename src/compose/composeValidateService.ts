import { isSeq } from 'yaml';
import { CONTAINER_NAME, PROFILE_NAME, RESTART_POLICIES, SERVICE_KEYS, SERVICE_NAME } from './composeSchema';
import { shellSplit } from './composeShlex';
import { parseByteSize, parseNanoCpus } from './composeUnits';
import { scalarValue, ValidationContext, valueOf } from './composeValidateContext';
import { validateDeploy } from './composeValidateDeploy';
import { validateSettingsKey } from './composeValidateSettings';
import { validateLabelFile } from './composeValidateSettingsParts';
import {
  validateBuild,
  validateDependsOn,
  validateEnvFile,
  validateExtraHosts,
  validateHealthcheck,
  validatePorts,
  validateServiceNetworks,
  validateServiceVolumes,
} from './composeValidateServiceParts';
import { MapEntry } from './composeYaml';

export interface ValidateServiceOptions {
  /** Folder relative env_file paths are resolved against. */
  baseDir?: string;
  /** When given, env_file entries that must exist are checked with it. */
  fileExists?: (path: string) => boolean;
}

export function validateService(ctx: ValidationContext, service: MapEntry, options: ValidateServiceOptions): void {
  const path = `services.${service.key}`;
  if (!SERVICE_NAME.test(service.key)) {
    ctx.error(service.keyNode, 'invalid-name', `Service name "${service.key}" may only contain letters, digits, ".", "_" and "-".`);
  }
  if (scalarValue(service.value) === null) {
    ctx.error(service.keyNode, 'wrong-type', `${path} must be a mapping with at least an "image" or a "build".`);
    return;
  }
  const map = ctx.map(service, path);
  if (!map) return;
  for (const entry of ctx.checkKeys(map, SERVICE_KEYS, path)) {
    const sub = `${path}.${entry.key}`;
    // An empty or `!reset` value is how override files clear a setting; nothing to check.
    if ((scalarValue(entry.value) === null && entry.key !== 'image') || entry.value?.tag === '!reset') continue;
    switch (entry.key) {
      case 'image':
      case 'working_dir':
      case 'user':
      case 'hostname':
        ctx.string(entry, sub);
        break;
      case 'container_name': {
        const name = ctx.string(entry, sub);
        if (name !== undefined && !CONTAINER_NAME.test(name)) {
          ctx.error(entry, 'invalid-value', `Container name "${name}" must start with a letter or digit and contain only letters, digits, "_", "." and "-".`);
        }
        break;
      }
      case 'restart':
        validateRestart(ctx, entry, sub);
        break;
      case 'command':
      case 'entrypoint':
        if (isSeq(valueOf(entry))) ctx.stringList(entry, sub);
        else validateCommandString(ctx, entry, sub);
        break;
      case 'environment':
      case 'labels':
        ctx.mapOrList(entry, sub, false);
        break;
      case 'cap_add':
      case 'cap_drop':
        ctx.stringList(entry, sub);
        break;
      case 'profiles':
        validateProfiles(ctx, entry, sub);
        break;
      case 'privileged':
      case 'tty':
      case 'stdin_open':
      case 'init':
        ctx.boolean(entry, sub);
        break;
      case 'mem_limit':
        validateMemLimit(ctx, entry, sub);
        break;
      case 'cpus': {
        const value = scalarValue(entry.value);
        if ((typeof value !== 'number' && typeof value !== 'string') || parseNanoCpus(value) === undefined) {
          ctx.error(entry, 'wrong-type', `${sub} must be a number of CPUs such as 0.5 or 2.`);
        }
        break;
      }
      case 'deploy':
        validateDeploy(ctx, entry, sub);
        break;
      case 'build':
        validateBuild(ctx, entry, sub);
        break;
      case 'env_file':
        validateEnvFile(ctx, entry, sub, options);
        break;
      case 'ports':
        validatePorts(ctx, entry, sub);
        break;
      case 'volumes':
        validateServiceVolumes(ctx, entry, sub);
        break;
      case 'networks':
        validateServiceNetworks(ctx, entry, sub);
        break;
      case 'depends_on':
        validateDependsOn(ctx, entry, sub);
        break;
      case 'healthcheck':
        validateHealthcheck(ctx, entry, sub);
        break;
      case 'extra_hosts':
        validateExtraHosts(ctx, entry, sub);
        break;
      case 'label_file':
        validateLabelFile(ctx, entry, sub, options);
        break;
      default:
        validateSettingsKey(ctx, entry, sub);
    }
  }
}

function validateCommandString(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const text = ctx.string(entry, path);
  if (text === undefined) return;
  try {
    shellSplit(text);
  } catch (error) {
    ctx.error(entry, 'invalid-value', `${path} cannot be split into words: ${(error as Error).message}.`);
  }
}

function validateRestart(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const value = ctx.string(entry, path);
  if (value === undefined || RESTART_POLICIES.includes(value) || /^on-failure:\d+$/.test(value)) return;
  ctx.error(entry, 'invalid-value', `${path} must be one of no, always, on-failure[:max-retries], unless-stopped; got "${value}".`);
}

function validateProfiles(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const seq = ctx.seq(entry, path);
  if (!seq) return;
  ctx.items(seq).forEach((item, i) => {
    const value = item ? ctx.string(item, `${path}[${i}]`) : undefined;
    if (item && value !== undefined && !PROFILE_NAME.test(value)) {
      ctx.error(item, 'invalid-value', `Profile name "${value}" must start with a letter or digit and contain only letters, digits, "_", "." and "-".`);
    }
  });
}

function validateMemLimit(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const value = scalarValue(entry.value);
  if ((typeof value === 'number' || typeof value === 'string') && parseByteSize(value) !== undefined) return;
  ctx.error(entry, 'invalid-value', `${path} must be a size such as 512m or 2g, or a number of bytes.`);
}
