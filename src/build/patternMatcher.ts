import { goClean, goDir, goTrimSpace } from './goPath';

/** A .dockerignore pattern Docker would refuse; the message says which and why. */
export class DockerignorePatternError extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`Invalid .dockerignore pattern "${pattern}": ${reason}`);
    this.name = 'DockerignorePatternError';
  }
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

// Regexp specials that mean nothing in a path pattern, so Docker escapes them.
const ESCAPED = new Set([...'.+()|{}$']);

/**
 * One pattern, matched exactly as moby's patternmatcher does it: plain names compare as strings,
 * a leading `**` is a suffix test, a trailing one a prefix test, anything else a regexp where `*`
 * and `?` stop at `/` and `**` crosses any number of directories.
 */
export class IgnorePattern {
  readonly matchType: MatchType;
  private readonly regexp: RegExp | undefined;

  constructor(
    /** The cleaned pattern, without its `!`. */
    readonly text: string,
    readonly exclusion: boolean,
  ) {
    let source = '^';
    let type: MatchType = 'exact';
    const chars = [...text];
    for (let i = 0, step = 0; i < chars.length; i++, step++) {
      const ch = chars[i];
      if (ch === '*') {
        if (chars[i + 1] === '*') {
          i++;
          if (chars[i + 1] === '/') i++;
          if (i + 1 >= chars.length) {
            if (type === 'exact') type = 'prefix';
            else {
              source += '[^\\n]*';
              type = 'regexp';
            }
          } else {
            source += '(?:[^\\n]*/)?';
            type = 'regexp';
          }
          if (step === 0) type = 'suffix';
        } else {
          source += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        source += '[^/]';
        type = 'regexp';
      } else if (ESCAPED.has(ch)) {
        source += `\\${ch}`;
      } else if (ch === '\\') {
        if (i + 1 < chars.length) {
          source += `\\${chars[++i]}`;
          type = 'regexp';
        } else {
          source += '\\\\';
        }
      } else if (ch === '[' || ch === ']') {
        source += ch;
        type = 'regexp';
      } else {
        source += ch;
      }
    }
    this.matchType = type;
    if (type === 'regexp') {
      try {
        this.regexp = new RegExp(`${source}$`);
      } catch (err) {
        throw new DockerignorePatternError(text, (err as Error).message);
      }
    }
  }

  matches(path: string): boolean {
    switch (this.matchType) {
      case 'exact':
        return path === this.text;
      case 'prefix':
        return path.startsWith(this.text.slice(0, -2));
      case 'suffix': {
        const suffix = this.text.slice(2);
        // `**/foo` also matches a top-level "foo".
        return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
      }
      case 'regexp':
        return this.regexp!.test(path);
    }
  }
}

/** Per-pattern results for a directory, handed to its children (Docker's MatchInfo). */
export type ParentMatches = readonly boolean[] | undefined;

/**
 * The ordered pattern list of a .dockerignore: a path is excluded when the last pattern that
 * matches it (or one of its parent directories) is not a `!` exception.
 */
export class PatternMatcher {
  readonly patterns: IgnorePattern[] = [];
  readonly hasExclusions: boolean;

  /** Patterns as ReadDockerignore returns them; a bad one throws DockerignorePatternError. */
  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      let p = goTrimSpace(raw);
      if (p === '') continue;
      p = goClean(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw new DockerignorePatternError(raw, 'an exception needs a path after "!"');
        exclusion = true;
        p = p.slice(1);
      }
      const syntax = globSyntaxError(p);
      if (syntax) throw new DockerignorePatternError(raw, syntax);
      this.patterns.push(new IgnorePattern(p, exclusion));
    }
    this.hasExclusions = this.patterns.some((p) => p.exclusion);
  }

  /** Whether `file` (slash path relative to the context) or a parent directory of it is excluded. */
  matchesOrParentMatches(file: string): boolean {
    const parents = parentPrefixes(file);
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      const match = pattern.matches(file) || parents.some((dir) => pattern.matches(dir));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * Docker's deprecated `Matches`, which the CLI still uses to decide whether the Dockerfile and
   * .dockerignore need re-including: it tests only the parent as deep as the pattern.
   */
  matchesLegacy(file: string): boolean {
    const parent = goDir(file);
    const parentDirs = parent.split('/');
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.matches(file);
      const depth = pattern.text.split('/').length;
      if (!match && parent !== '.' && depth <= parentDirs.length) match = pattern.matches(parentDirs.slice(0, depth).join('/'));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /** As Docker's walk does it: reuses what matched the parent directory, returns what matched this path. */
  matchesUsingParent(file: string, parent: ParentMatches): { excluded: boolean; matches: boolean[] } {
    const matches = this.patterns.map(() => false);
    let excluded = false;
    this.patterns.forEach((pattern, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        if (pattern.exclusion !== excluded) return;
        match = pattern.matches(file);
        if (!match && parent === undefined) match = parentPrefixes(file).some((dir) => pattern.matches(dir));
      }
      matches[i] = match;
      if (match) excluded = !pattern.exclusion;
    });
    return { excluded, matches };
  }
}

/** "a/b/c" -> ["a", "a/b"]. */
function parentPrefixes(file: string): string[] {
  const parent = goDir(file);
  if (parent === '.') return [];
  const dirs = parent.split('/');
  return dirs.map((_, i) => dirs.slice(0, i + 1).join('/'));
}

/**
 * The syntax errors of Go's filepath.Match, which Docker uses to reject a pattern: an unclosed or
 * empty `[...]`, a bad range, a trailing backslash.
 */
export function globSyntaxError(pattern: string): string | undefined {
  const chars = [...pattern];
  let i = 0;
  const takeClassChar = (): boolean => {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') return false;
    if (chars[i] === '\\') {
      i++;
      if (i >= chars.length) return false;
    }
    i++;
    return i < chars.length;
  };
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === '\\') {
      if (i + 1 >= chars.length) return 'it ends with a lone backslash';
      i += 2;
    } else if (ch === '[') {
      i++;
      if (chars[i] === '^') i++;
      let ranges = 0;
      for (;;) {
        if (i < chars.length && chars[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        if (!takeClassChar()) return 'a character class "[...]" is empty, unclosed or has a bad range';
        if (chars[i] === '-') {
          i++;
          if (!takeClassChar()) return 'a character class "[...]" is empty, unclosed or has a bad range';
        }
        ranges++;
      }
    } else {
      i++;
    }
  }
  return undefined;
}
