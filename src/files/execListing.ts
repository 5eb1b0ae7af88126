import { kindOfPosixMode, type FileEntry } from './fileEntry';
import { shellQuote } from './shellSession';

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

/**
 * The same F records, for a container's browsing shell (src/files/shellSession.ts): the shell's glob
 * reads the folder and one `stat` prints every entry. In busybox that is half the cost of find
 * handing the names to stat (37 against 73 ms for 10,000 entries on the benchmark machine), as find
 * lstat()s each entry itself first. Names are printed relative to the folder. The three patterns
 * cover every name but . and ..; a pattern that matches nothing stays literal and stat reports it
 * missing on stderr, which is harmless. A folder too big for one argument list fails with 126
 * ("Argument list too long"): the caller then sends execListingCommand instead, which batches.
 */
export function shellListingScript(dir: string, marker: string): string {
  return `cd -- ${shellQuote(dir)} && exec stat -c ${shellQuote(`${marker}F%f %s %Y %u %g %n`)} -- * .[!.]* ..?*`;
}

/** The N and L records for the symlinks a shellListingScript found (names as it printed them). */
export function shellLinksScript(dir: string, names: string[], marker: string): string {
  const args = names.map(shellQuote).join(' ');
  return `cd -- ${shellQuote(dir)} && { stat -c ${shellQuote(`${marker}N%N`)} -- ${args}; stat -L -c ${shellQuote(`${marker}L%f %n`)} -- ${args}; }`;
}

const HEX = /^[0-9a-f]+$/;
const DIGITS = /^\d+$/;

/**
 * "<hex mode> <size> <mtime> <uid> <gid> <path>" as an entry keyed by its path; undefined when the
 * record is not one. The path comes last and may hold spaces and newlines, so only the first five
 * fields are split off.
 */
function parseFull(body: string): [string, FileEntry] | undefined {
  const fields: string[] = [];
  let at = 0;
  for (let i = 0; i < 5; i++) {
    const space = body.indexOf(' ', at);
    if (space <= at) return undefined;
    fields.push(body.slice(at, space));
    at = space + 1;
  }
  if (!HEX.test(fields[0]) || !fields.slice(1).every((f) => DIGITS.test(f))) return undefined;
  const path = body.slice(at);
  const posixMode = parseInt(fields[0], 16);
  const entry: FileEntry = {
    // Paths from find and stat never end in a slash; a name printed relative to its folder has none.
    name: path.slice(path.lastIndexOf('/') + 1),
    kind: kindOfPosixMode(posixMode),
    size: Number(fields[1]),
    mode: posixMode & 0o7777,
    mtimeMs: Number(fields[2]) * 1000,
    uid: Number(fields[3]),
    gid: Number(fields[4]),
  };
  return [path, entry];
}

/** Parses the output of execListingCommand (or the shell scripts) into entries keyed by path, in output order. */
export function parseExecListing(output: string, marker: string): Map<string, FileEntry> {
  const entries = new Map<string, FileEntry>();
  const targets: [string, string][] = [];
  const pointers: string[] = [];
  const text = `\n${output}`;
  const separator = `\n${marker}`;
  for (let at = text.indexOf(separator); at >= 0; ) {
    const start = at + separator.length;
    const next = text.indexOf(separator, start);
    let end = next < 0 ? text.length : next;
    if (text.charCodeAt(end - 1) === 10) end--;
    at = next;
    const type = text[start];
    const body = text.slice(start + 1, end);
    if (type === 'F') {
      const full = parseFull(body);
      if (full) entries.set(full[0], full[1]);
    } else if (type === 'L') {
      const space = body.indexOf(' ');
      if (space > 0 && HEX.test(body.slice(0, space))) targets.push([body.slice(space + 1), body.slice(0, space)]);
    } else if (type === 'N') {
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
