import * as path from 'node:path';
import { isMap, isSeq, Node } from 'yaml';
import { deviceCount } from './composeModelResources';
import { device } from './composeModelSettings';
import { BLKIO_KEYS, DEVICE_KEYS, HOOK_KEYS, DEVICE_REQUEST_KEYS, LOGGING_KEYS, SERVICE_FILE_MOUNT_KEYS, ULIMIT_KEYS } from './composeSchema';
import { parseByteSize } from './composeUnits';
import { scalarValue, Target, ValidationContext, valueOf } from './composeValidateContext';
import { MapEntry } from './composeYaml';

function items(ctx: ValidationContext, entry: MapEntry, path: string, check: (item: Node, itemPath: string) => void): void {
  const seq = ctx.seq(entry, path);
  if (!seq) return;
  ctx.items(seq).forEach((item, i) => item && check(item, `${path}[${i}]`));
}

function integerAtLeast(ctx: ValidationContext, target: Target, path: string, min: number): number | undefined {
  const value = scalarValue(valueOf(target));
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  ctx.error(target, 'invalid-value', `${path} must be an integer of at least ${min}.`);
  return undefined;
}

/** `nofile: 1024` or `nofile: { soft, hard }` with soft no higher than hard. */
export function validateUlimits(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const limit of ctx.entries(map)) {
    const limitPath = `${path}.${limit.key}`;
    if (!isMap(limit.value)) {
      integerAtLeast(ctx, limit, limitPath, -1);
      continue;
    }
    const fields = ctx.checkKeys(limit.value, ULIMIT_KEYS, limitPath);
    const soft = fields.find((f) => f.key === 'soft');
    const hard = fields.find((f) => f.key === 'hard');
    if (!soft || !hard) {
      ctx.error(limit, 'invalid-value', `${limitPath} needs both "soft" and "hard".`);
      continue;
    }
    const softValue = integerAtLeast(ctx, soft, `${limitPath}.soft`, -1);
    const hardValue = integerAtLeast(ctx, hard, `${limitPath}.hard`, -1);
    if (softValue !== undefined && hardValue !== undefined && hardValue !== -1 && (softValue === -1 || softValue > hardValue)) {
      ctx.error(soft, 'invalid-value', `${limitPath}.soft (${softValue}) must not be above hard (${hardValue}).`);
    }
  }
}

export function validateLogging(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const field of ctx.checkKeys(map, LOGGING_KEYS, path)) {
    if (field.key === 'driver') ctx.string(field, `${path}.driver`);
    else if (scalarValue(field.value) !== null) {
      const options = ctx.map(field, `${path}.options`);
      for (const option of options ? ctx.entries(options) : []) ctx.string(option, `${path}.options.${option.key}`);
    }
  }
}

/** `/dev/x[:/dev/y[:rwm]]` or `{ source, target, permissions }`. */
export function validateDevices(ctx: ValidationContext, entry: MapEntry, path: string): void {
  items(ctx, entry, path, (item, itemPath) => {
    if (isMap(item)) {
      const fields = ctx.checkKeys(item, DEVICE_KEYS, itemPath);
      if (!fields.some((f) => f.key === 'source')) ctx.error(item, 'invalid-value', `${itemPath} needs a "source".`);
      for (const field of fields) {
        const text = ctx.string(field, `${itemPath}.${field.key}`);
        if (field.key === 'permissions' && text !== undefined && !/^[rwm]+$/.test(text)) warnPermissions(ctx, field, `${itemPath}.permissions`, text);
      }
      return;
    }
    const text = ctx.string(item, itemPath);
    if (text === undefined) return;
    const [parsed] = device(text);
    const parts = text.split(':');
    if (!parsed || parts.length > 3 || (parts.length === 3 && parts[1] === '')) {
      ctx.error(item, 'invalid-value', `${itemPath} must have the form HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]; got "${text}".`);
    } else if (!/^[rwm]+$/.test(parsed.permissions)) warnPermissions(ctx, item, itemPath, parsed.permissions);
  });
}

// Compose loads any permission string and the engine creates the container with it, so it is not an error.
function warnPermissions(ctx: ValidationContext, target: Target, path: string, permissions: string): void {
  ctx.warn(target, 'invalid-value', `${path}: device permissions are made of r, w and m; "${permissions}" is passed to the engine as written.`);
}

export function validateBlkio(ctx: ValidationContext, entry: MapEntry, path: string): void {
  const map = ctx.map(entry, path);
  if (!map) return;
  for (const field of ctx.checkKeys(map, BLKIO_KEYS, path)) {
    const fieldPath = `${path}.${field.key}`;
    if (field.key === 'weight') {
      weight(ctx, field, fieldPath);
      continue;
    }
    items(ctx, field, fieldPath, (item, itemPath) => {
      const device = ctx.map(item, itemPath);
      if (!device) return;
      const entries = ctx.entries(device);
      const valueKey = field.key === 'weight_device' ? 'weight' : 'rate';
      for (const key of ['path', valueKey]) if (!entries.some((e) => e.key === key)) ctx.error(item, 'invalid-value', `${itemPath} needs "${key}".`);
      for (const sub of entries) {
        const subPath = `${itemPath}.${sub.key}`;
        if (sub.key === 'path') ctx.string(sub, subPath);
        else if (sub.key === 'weight' && valueKey === 'weight') weight(ctx, sub, subPath);
        else if (sub.key === 'rate' && valueKey === 'rate') rate(ctx, sub, subPath, field.key.endsWith('bps'));
        else ctx.error(sub.keyNode, 'unknown-key', `Unknown key "${sub.key}" in ${itemPath}; expected path and ${valueKey}.`);
      }
    });
  }
}

// The kernel's blkio weights run from 10 to 1000; 0 leaves the default.
function weight(ctx: ValidationContext, target: Target, path: string): void {
  const value = scalarValue(valueOf(target));
  if (typeof value === 'number' && Number.isInteger(value) && (value === 0 || (value >= 10 && value <= 1000))) return;
  ctx.error(target, 'invalid-value', `${path} must be an integer from 10 to 1000 (or 0 for the default).`);
}

function rate(ctx: ValidationContext, target: Target, path: string, bytes: boolean): void {
  const value = scalarValue(valueOf(target));
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  if (bytes && typeof value === 'string' && parseByteSize(value) !== undefined) return;
  ctx.error(target, 'invalid-value', bytes ? `${path} must be a rate in bytes, such as 12mb or 1048576.` : `${path} must be a number of operations per second.`);
}

/** `gpus: all`, or a list of device requests. */
export function validateGpus(ctx: ValidationContext, entry: MapEntry, path: string): void {
  if (scalarValue(entry.value) === 'all') return;
  if (!isSeq(valueOf(entry))) {
    ctx.error(entry, 'invalid-value', `${path} must be "all" or a list of device requests.`);
    return;
  }
  items(ctx, entry, path, (item, itemPath) => validateDeviceRequest(ctx, item, itemPath));
}

/**
 * One device request. `count` is a number, a numeric string (compose converts it), or all / -1; it
 * and `device_ids` exclude each other, and under deploy.resources compose needs `capabilities`.
 */
export function validateDeviceRequest(ctx: ValidationContext, item: Node, path: string, needsCapabilities = false): void {
  const map = ctx.map(item, path);
  if (!map) return;
  const fields = ctx.checkKeys(map, DEVICE_REQUEST_KEYS, path);
  for (const field of fields) {
    const fieldPath = `${path}.${field.key}`;
    if (field.key === 'capabilities' || field.key === 'device_ids') ctx.stringList(field, fieldPath);
    else if (field.key === 'driver') ctx.string(field, fieldPath);
    else if (field.key === 'options') ctx.mapOrList(field, fieldPath, false);
    else if (deviceCount(scalarValue(field.value)) === undefined) ctx.error(field, 'invalid-value', `${fieldPath} must be "all", -1 (all) or an integer of at least 1.`);
  }
  const count = fields.find((f) => f.key === 'count');
  if (count && fields.some((f) => f.key === 'device_ids')) ctx.error(count.keyNode, 'invalid-value', `${path}: count and device_ids exclude each other; give one.`);
  if (needsCapabilities && !fields.some((f) => f.key === 'capabilities')) ctx.error(item, 'invalid-value', `${path} needs "capabilities", e.g. [gpu].`);
}

/** A service's `secrets` or `configs`: names, or `{ source, target, uid, gid, mode }`. */
export function validateFileMounts(ctx: ValidationContext, entry: MapEntry, path: string): void {
  items(ctx, entry, path, (item, itemPath) => {
    if (!isMap(item)) {
      ctx.string(item, itemPath);
      return;
    }
    const fields = ctx.checkKeys(item, SERVICE_FILE_MOUNT_KEYS, itemPath);
    if (!fields.some((f) => f.key === 'source')) ctx.error(item, 'invalid-value', `${itemPath} needs a "source".`);
    for (const field of fields) {
      const fieldPath = `${itemPath}.${field.key}`;
      if (['uid', 'gid', 'mode'].includes(field.key)) {
        ctx.warn(field.keyNode, 'ignored-key', `${fieldPath} is ignored on a single engine, as docker compose ignores it: the file keeps its own owner and mode.`);
      }
      if (field.key !== 'mode') {
        ctx.string(field, fieldPath);
        continue;
      }
      const mode = scalarValue(valueOf(field));
      // YAML reads 0440 as octal already; a string is taken as octal digits, as compose does.
      const ok = (typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= 0o7777) || (typeof mode === 'string' && /^0?[0-7]{1,4}$/.test(mode));
      if (!ok) ctx.error(field, 'invalid-value', `${fieldPath} must be a file mode such as 0440.`);
    }
  });
}

/** `label_file`: one file or a list; each must exist, as compose fails without it. */
export function validateLabelFile(ctx: ValidationContext, entry: MapEntry, where: string, options: { baseDir?: string; fileExists?: (p: string) => boolean }): void {
  const check = (target: Target, itemPath: string): void => {
    const file = ctx.string(target, itemPath);
    if (file === undefined || !options.fileExists) return;
    const full = path.resolve(options.baseDir ?? '.', file);
    if (!options.fileExists(full)) ctx.error(target, 'missing-file', `Label file "${file}" not found (looked for ${full}).`);
  };
  const node = valueOf(entry);
  if (!isSeq(node)) return check(entry, where);
  ctx.items(node).forEach((item, i) => item && check(item, `${where}[${i}]`));
}

/** `post_start` and `pre_stop`: a list of `{ command, user, privileged, working_dir, environment }`. */
export function validateHooks(ctx: ValidationContext, entry: MapEntry, where: string): void {
  items(ctx, entry, where, (item, itemPath) => {
    const map = ctx.map(item, itemPath);
    if (!map) return;
    const fields = ctx.checkKeys(map, HOOK_KEYS, itemPath);
    if (!fields.some((f) => f.key === 'command')) ctx.error(item, 'invalid-value', `${itemPath} needs a "command".`);
    for (const field of fields) {
      const fieldPath = `${itemPath}.${field.key}`;
      if (field.key === 'privileged') ctx.boolean(field, fieldPath);
      else if (field.key === 'environment') ctx.mapOrList(field, fieldPath, false);
      else if (field.key === 'command' && isSeq(valueOf(field))) ctx.stringList(field, fieldPath);
      else ctx.string(field, fieldPath);
    }
  });
}
