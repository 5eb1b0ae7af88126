/**
 * Go's `filepath.Clean` for slash paths: Docker cleans every .dockerignore pattern with it, and
 * its results differ from Node's `path.posix.normalize` (no trailing slash, "" becomes ".").
 */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `filepath.Dir` for slash paths. */
export function goDir(p: string): string {
  const slash = p.lastIndexOf('/');
  return goClean(slash < 0 ? '' : p.slice(0, slash + 1));
}

// Go's strings.TrimSpace trims Unicode White_Space; JavaScript's trim() also drops U+FEFF, which Go keeps.
const LEADING_SPACE = /^[^\S\uFEFF]+/;
const TRAILING_SPACE = /[^\S\uFEFF]+$/;

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}
