import { goClean, goTrimSpace } from './goPath';
import { PatternMatcher } from './patternMatcher';

const BOM = '\uFEFF';

/**
 * The patterns of a .dockerignore as Docker reads them: `#` comments only at the very start of a
 * line, blank lines skipped, each pattern trimmed and cleaned, a leading `/` dropped (patterns are
 * relative to the context root), `!` kept in front.
 */
export function parseDockerignore(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    let pattern = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (index === 0 && pattern.startsWith(BOM)) pattern = pattern.slice(BOM.length);
    if (pattern.startsWith('#')) return;
    pattern = goTrimSpace(pattern);
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  });
  return patterns;
}

/**
 * The Dockerfile and the ignore file always reach the engine, as the docker CLI arranges it: when
 * the patterns exclude them, exceptions for them are appended. (The engine then drops them from
 * what COPY sees, following the same patterns.)
 */
export function keepBuildFiles(patterns: readonly string[], dockerfile: string): string[] {
  const kept = [...patterns];
  if (kept.length === 0) return kept;
  if (new PatternMatcher(kept).matchesLegacy('.dockerignore')) kept.push('!.dockerignore');
  const name = goClean(dockerfile);
  if (name !== '.' && new PatternMatcher(kept).matchesLegacy(name)) kept.push(`!${name}`);
  return kept;
}
