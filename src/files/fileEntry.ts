/** What Berth knows about one path in a container or volume, from exec `stat` or the archive API. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface FileEntry {
  /** The last path component. */
  name: string;
  kind: EntryKind;
  /** For a symlink: what it points at, when known ('file'/'directory'), or undefined when dangling. */
  targetKind?: 'file' | 'directory' | 'other';
  linkTarget?: string;
  size: number;
  /** The permission bits (and setuid/setgid/sticky), without the file type. */
  mode: number;
  mtimeMs: number;
  uid?: number;
  gid?: number;
}

const S_IFMT = 0o170000;

/** The kind of a POSIX st_mode (as `stat -c %f` prints it, in hex). */
export function kindOfPosixMode(mode: number): EntryKind {
  switch (mode & S_IFMT) {
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'directory';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

// Go's os.FileMode, which the engine's X-Docker-Container-Path-Stat header carries.
const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;
/** Device, named pipe, socket, char device, irregular: anything neither file, folder nor link. */
const GO_OTHER_TYPES = [2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];
const GO_SETUID = 2 ** 23;
const GO_SETGID = 2 ** 22;
const GO_STICKY = 2 ** 20;

/** Kind and POSIX permission bits of a Go os.FileMode. */
export function fromGoFileMode(goMode: number): { kind: EntryKind; mode: number } {
  // Above 2^31 bitwise operators would go negative, so the bits are tested arithmetically.
  const bit = (b: number): boolean => Math.floor(goMode / b) % 2 === 1;
  const kind: EntryKind = bit(GO_DIR) ? 'directory' : bit(GO_SYMLINK) ? 'symlink' : GO_OTHER_TYPES.some(bit) ? 'other' : 'file';
  let mode = goMode % 0o1000;
  if (bit(GO_SETUID)) mode |= 0o4000;
  if (bit(GO_SETGID)) mode |= 0o2000;
  if (bit(GO_STICKY)) mode |= 0o1000;
  return { kind, mode };
}

/** `drwxr-xr-x`, as ls shows it, for tooltips. */
export function modeString(kind: EntryKind, mode: number): string {
  const type = kind === 'directory' ? 'd' : kind === 'symlink' ? 'l' : kind === 'file' ? '-' : '?';
  const triple = (shift: number, special: boolean, specialChar: string): string => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const xBit = (mode & (1 << shift)) !== 0;
    const x = special ? (xBit ? specialChar : specialChar.toUpperCase()) : xBit ? 'x' : '-';
    return r + w + x;
  };
  return type + triple(6, (mode & 0o4000) !== 0, 's') + triple(3, (mode & 0o2000) !== 0, 's') + triple(0, (mode & 0o1000) !== 0, 't');
}
