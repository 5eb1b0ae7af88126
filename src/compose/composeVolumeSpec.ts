import { parseByteSize } from './composeUnits';

export type MountType = 'bind' | 'volume' | 'tmpfs';

export interface MountSpec {
  type: MountType;
  /** Host path for binds (as written), volume key for named volumes, absent for anonymous volumes and tmpfs. */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Extra short-syntax flags other than ro/rw, e.g. `z`, `nocopy`, `rshared`; long syntax puts its bind and volume options here too. */
  options: string[];
  /** Long-syntax `bind.create_host_path: true`: the engine creates a missing host folder. */
  createHostPath?: boolean;
  /** `volume.subpath`: mount only this folder of the volume (engine API 1.45 and later). */
  subpath?: string;
  /** `tmpfs.size` in bytes. */
  tmpfsSize?: number;
  /** `tmpfs.mode`, e.g. 0o1777. */
  tmpfsMode?: number;
}

export type MountResult = { ok: true; mount: MountSpec } | { ok: false; error: string; key?: string; unsupported?: boolean };

const ACCESS_MODES = ['ro', 'rw'];
const OTHER_MODES = ['z', 'Z', 'nocopy', 'shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate', 'consistent', 'cached', 'delegated'];
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A source that is a host path rather than a volume name, as compose decides it. */
export function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

/** Short syntax: `[SOURCE:]TARGET[:MODE]`. */
export function parseVolumeShort(spec: string): MountResult {
  const parts = spec.split(':');
  if (parts.length > 3) return fail(`Invalid volume "${spec}": expected [SOURCE:]TARGET[:MODE].`);
  const [first, second, third] = parts;
  if (parts.length === 1) {
    if (!first.startsWith('/')) return fail(`Invalid volume "${spec}": the container path must be absolute.`);
    return { ok: true, mount: { type: 'volume', target: first, readOnly: false, options: [] } };
  }
  const source = first;
  const target = second;
  if (source === '') return fail(`Invalid volume "${spec}": the source is empty.`);
  if (!target.startsWith('/')) return fail(`Invalid volume "${spec}": the container path "${target}" must be absolute.`);
  const flags = third === undefined ? [] : third.split(',');
  let readOnly = false;
  const options: string[] = [];
  let access = 0;
  for (const flag of flags) {
    if (ACCESS_MODES.includes(flag)) {
      access++;
      readOnly = flag === 'ro';
    } else if (OTHER_MODES.includes(flag)) {
      options.push(flag);
    } else {
      return fail(`Invalid volume "${spec}": unknown mode "${flag}".`);
    }
  }
  if (access > 1) return fail(`Invalid volume "${spec}": give at most one of ro and rw.`);
  if (isHostPath(source)) return { ok: true, mount: { type: 'bind', source, target, readOnly, options } };
  if (!VOLUME_NAME.test(source)) return fail(`Invalid volume "${spec}": "${source}" is neither a path nor a valid volume name.`);
  return { ok: true, mount: { type: 'volume', source, target, readOnly, options } };
}

/** Long syntax: `{ type, source, target, read_only }`; errors name the offending key. */
export function parseVolumeLong(spec: Record<string, unknown>): MountResult {
  const type = spec.type;
  if (type === undefined || type === null) return fail('A volume in long syntax needs a "type" (bind, volume or tmpfs).');
  if (typeof type !== 'string') return fail('"type" must be a string.', 'type');
  if (type === 'image' || type === 'npipe' || type === 'cluster') {
    return { ok: false, error: `Mounts of type "${type}" are not supported by Berth yet; this mount is ignored.`, key: 'type', unsupported: true };
  }
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs') return fail(`Unknown mount type "${type}" (expected bind, volume or tmpfs).`, 'type');
  const target = spec.target;
  if (typeof target !== 'string' || target === '') return fail('A volume in long syntax needs a "target".', target === undefined ? undefined : 'target');
  if (!target.startsWith('/')) return fail(`The container path "${target}" must be absolute.`, 'target');
  const source = spec.source;
  if (source !== undefined && source !== null && typeof source !== 'string') return fail('"source" must be a string.', 'source');
  if (type === 'bind' && (typeof source !== 'string' || source === '')) return fail('A bind mount needs a "source" path.', source === undefined ? undefined : 'source');
  if (type === 'tmpfs' && typeof source === 'string' && source !== '') return fail('A tmpfs mount takes no "source".', 'source');
  if (type === 'volume' && typeof source === 'string' && source !== '' && !VOLUME_NAME.test(source)) {
    return fail(`"${source}" is not a valid volume name.`, 'source');
  }
  const readOnly = spec.read_only ?? false;
  if (typeof readOnly !== 'boolean') return fail('"read_only" must be a boolean.', 'read_only');
  const mount: MountSpec = { type, target, readOnly, options: [] };
  if (typeof source === 'string' && source !== '') mount.source = source;
  const problem = typeOptions(mount, spec[type]);
  return problem ?? { ok: true, mount };
}

const PROPAGATIONS = ['shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate'];

/** The `bind`, `volume` or `tmpfs` mapping of the mount's own type; one for another type does nothing, as in compose. */
function typeOptions(mount: MountSpec, value: unknown): MountResult | undefined {
  if (value === undefined || value === null) return undefined;
  const key = mount.type;
  if (typeof value !== 'object' || Array.isArray(value)) return fail(`"${key}" must be a mapping of ${key} options.`, key);
  const options = value as Record<string, unknown>;
  for (const [name, option] of Object.entries(options)) {
    const where = `${key}.${name}`;
    if (key === 'bind' && name === 'propagation') {
      if (typeof option !== 'string' || !PROPAGATIONS.includes(option)) return fail(`"${where}" must be one of ${PROPAGATIONS.join(', ')}.`, key);
      mount.options.push(option);
    } else if (key === 'bind' && name === 'selinux') {
      if (option !== 'z' && option !== 'Z') return fail(`"${where}" must be z (shared) or Z (private).`, key);
      mount.options.push(option);
    } else if (key === 'bind' && name === 'create_host_path') {
      if (typeof option !== 'boolean') return fail(`"${where}" must be a boolean.`, key);
      if (option) mount.createHostPath = true;
    } else if (key === 'volume' && name === 'nocopy') {
      if (typeof option !== 'boolean') return fail(`"${where}" must be a boolean.`, key);
      if (option) mount.options.push('nocopy');
    } else if (key === 'volume' && name === 'subpath') {
      if (typeof option !== 'string' || option === '' || option.startsWith('/')) return fail(`"${where}" must be a relative path inside the volume.`, key);
      mount.subpath = option;
    } else if (key === 'tmpfs' && name === 'size') {
      // Compose wants a whole number of bytes here (0.0001 is refused), or a string with a unit.
      const size = (typeof option === 'number' && Number.isInteger(option)) || typeof option === 'string' ? parseByteSize(option) : undefined;
      if (size === undefined) return fail(`"${where}" must be a size such as 64m, or a whole number of bytes.`, key);
      mount.tmpfsSize = size;
    } else if (key === 'tmpfs' && name === 'mode') {
      // A string is octal digits, as compose reads it; a YAML number (0o1777) is taken as it is.
      const mode = typeof option === 'string' && /^0?[0-7]{1,4}$/.test(option) ? parseInt(option, 8) : option;
      if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777) return fail(`"${where}" must be a file mode such as "1777" or 0o1777.`, key);
      mount.tmpfsMode = mode;
    } else {
      return fail(`Unknown ${key} option "${name}".`, key);
    }
  }
  return undefined;
}

/** Either syntax. */
export function parseVolume(spec: unknown): MountResult {
  if (typeof spec === 'string') return parseVolumeShort(spec);
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) return parseVolumeLong(spec as Record<string, unknown>);
  return fail('A volume must be a string such as "data:/var/lib/data" or a mapping with "type" and "target".');
}

function fail(error: string, key?: string): MountResult {
  return key === undefined ? { ok: false, error } : { ok: false, error, key };
}
