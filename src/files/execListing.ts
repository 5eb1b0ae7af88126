import { posix } from 'node:path';
import { kindOfPosixMode, type FileEntry } from './fileEntry';

/**
 * One exec of `find DIR -mindepth 1 -maxdepth 1` handing the entries to `stat` in batches (`{} +`),
 * in formats busybox and GNU coreutils both print. Every record starts with a random marker and the
 * path comes last, so names holding spaces, quotes or newlines split cleanly: a record ends only
 * where "\n<marker>" begins the next. Three record kinds:
 *   <marker>F<hex mode> <size> <mtime> <uid> <gid> <path>   every entry (lstat)
 *   <marker>L<hex mode> <path>                             a symlink's target (stat -L; missing when dangling)
 *   <marker>N<%N>                                          a symlink's "'path' -> 'target'"
 * No shell is needed: find and stat are run directly.
 */
export function execListingCommand(dir: string, marker: string): string[] {
  return [
    'find', dir, '-mindepth', '1', '-maxdepth', '1',
    '-exec', 'stat', '-c', `${marker}F%f %s %Y %u %g %n`, '{}', '+',
    '-type', 'l',
    '-exec', 'stat', '-c', `${marker}N%N`, '{}', '+',
    // Last: stat -L fails on a dangling link, and a failed batch ends busybox find's action chain.
    '-exec', 'stat', '-L', '-c', `${marker}L%f %n`, '{}', '+',
  ];
}

const RECORD = /^([FLN])([\s\S]*)$/;
const FULL = /^([0-9a-f]+) (\d+) (\d+) (\d+) (\d+) ([\s\S]*)$/;
const TARGET = /^([0-9a-f]+) ([\s\S]*)$/;

/** Parses the output of execListingCommand into entries keyed by full path, in output order. */
export function parseExecListing(output: string, marker: string): Map<string, FileEntry> {
  const entries = new Map<string, FileEntry>();
  const records = `\n${output}`.split(`\n${marker}`).slice(1);
  const targets: [string, string][] = [];
  const pointers: string[] = [];
  for (const raw of records) {
    const record = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    const parts = RECORD.exec(record);
    if (!parts) continue;
    const [, type, body] = parts;
    if (type === 'F') {
      const f = FULL.exec(body);
      if (!f) continue;
      const posixMode = parseInt(f[1], 16);
      entries.set(f[6], {
        name: posix.basename(f[6]),
        kind: kindOfPosixMode(posixMode),
        size: Number(f[2]),
        mode: posixMode & 0o7777,
        mtimeMs: Number(f[3]) * 1000,
        uid: Number(f[4]),
        gid: Number(f[5]),
      });
    } else if (type === 'L') {
      const t = TARGET.exec(body);
      if (t) targets.push([t[2], t[1]]);
    } else {
      pointers.push(body);
    }
  }
  for (const [path, hex] of targets) {
    const entry = entries.get(path);
    if (!entry) continue;
    const kind = kindOfPosixMode(parseInt(hex, 16));
    entry.targetKind = kind === 'symlink' ? 'other' : kind;
  }
  for (const text of pointers) setLinkTarget(entries, text);
  return entries;
}

/**
 * Fills in a symlink's target from stat's %N output. Busybox prints `'path' -> 'target'` raw; GNU the
 * same unless a name needs shell quoting. The path may itself hold "' -> '", so every split is tried
 * against the known paths, and a symlink's size (its target's length in bytes) confirms the pick; a
 * quoted form that does not check out leaves the target unknown rather than guessed.
 */
export function setLinkTarget(entries: Map<string, FileEntry>, text: string): void {
  if (!text.startsWith("'") || !text.endsWith("'")) return;
  const arrow = "' -> '";
  for (let at = text.indexOf(arrow); at >= 0; at = text.indexOf(arrow, at + 1)) {
    const entry = entries.get(text.slice(1, at));
    const target = text.slice(at + arrow.length, -1);
    if (entry?.kind === 'symlink' && Buffer.byteLength(target) === entry.size) {
      entry.linkTarget = target;
      return;
    }
  }
}
