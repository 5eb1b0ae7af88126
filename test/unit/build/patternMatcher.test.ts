import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keepBuildFiles, parseDockerignore } from '../../../src/build/dockerignore';
import { goClean, goTrimSpace } from '../../../src/build/goPath';
import { DockerignorePatternError, globSyntaxError, PatternMatcher } from '../../../src/build/patternMatcher';

describe('goClean', () => {
  it('cleans as Go filepath.Clean does', () => {
    const cases: [string, string][] = [
      ['', '.'],
      ['.', '.'],
      ['a/', 'a'],
      ['./a//b/./c/', 'a/b/c'],
      ['a/../..', '..'],
      ['../a/../b', '../b'],
      ['/../a', '/a'],
      ['//a', '/a'],
      ['/', '/'],
      ['**/', '**'],
    ];
    for (const [input, expected] of cases) assert.equal(goClean(input), expected, input);
  });

  it('trims as Go strings.TrimSpace does, keeping a byte-order mark', () => {
    assert.equal(goTrimSpace('\t a b \u00a0\r'), 'a b');
    assert.equal(goTrimSpace('\uFEFFa'), '\uFEFFa');
  });
});

describe('parseDockerignore', () => {
  it('reads patterns as Docker does', () => {
    const text = '\uFEFF# comment\n  # not a comment\n\n/abs/path/\n!  /negated/./x\nsub/../other\n  spaced  \r\n!\n';
    assert.deepEqual(parseDockerignore(text), ['# not a comment', 'abs/path', '!negated/x', 'other', 'spaced', '!']);
  });

  it('keeps "/" alone, as Docker does', () => {
    assert.deepEqual(parseDockerignore('/\n'), ['/']);
  });
});

describe('PatternMatcher', () => {
  const excluded = (patterns: string[], file: string): boolean => new PatternMatcher(patterns).matchesOrParentMatches(file);

  it('matches names relative to the context, and everything below a matched folder', () => {
    assert.equal(excluded(['sub/ignored.txt'], 'sub/ignored.txt'), true);
    assert.equal(excluded(['sub/ignored.txt'], 'other/sub/ignored.txt'), false);
    assert.equal(excluded(['sub'], 'sub/deep/file'), true);
    assert.equal(excluded(['ignored.txt'], 'sub/ignored.txt'), false);
  });

  it('* and ? stay within one folder; ** crosses any number', () => {
    assert.equal(excluded(['*.log'], 'a.log'), true);
    assert.equal(excluded(['*.log'], 'logs/a.log'), false);
    assert.equal(excluded(['*/*.log'], 'logs/a.log'), true);
    assert.equal(excluded(['**/*.log'], 'a.log'), true);
    assert.equal(excluded(['**/*.log'], 'a/b/c.log'), true);
    assert.equal(excluded(['a/**/z'], 'a/z'), true);
    assert.equal(excluded(['a/**/z'], 'a/b/c/z'), true);
    assert.equal(excluded(['a?c'], 'abc'), true);
    assert.equal(excluded(['a?c'], 'a/c'), false);
  });

  it('has the same quirks as patternmatcher: "**x" is a plain suffix, "x/**" leaves x itself', () => {
    assert.equal(excluded(['**foo'], 'barfoo'), true);
    assert.equal(excluded(['**/foo'], 'barfoo'), false);
    assert.equal(excluded(['**/foo'], 'foo'), true);
    assert.equal(excluded(['docs/**'], 'docs'), false);
    assert.equal(excluded(['docs/**'], 'docs/a'), true);
    assert.equal(excluded(['**'], 'anything/at/all'), true);
  });

  it('applies ! exceptions in order: the last pattern that matches decides', () => {
    assert.equal(excluded(['*.log', '!keep.log'], 'keep.log'), false);
    assert.equal(excluded(['!keep.log', '*.log'], 'keep.log'), true);
    assert.equal(excluded(['*.log', '!keep.log', 'keep.log'], 'keep.log'), true);
    assert.equal(excluded(['logs', '!logs/keep.log'], 'logs/keep.log'), false);
    assert.equal(excluded(['logs', '!logs/keep.log'], 'logs/other.log'), true);
  });

  it('escapes regexp characters and supports character classes and backslash escapes', () => {
    assert.equal(excluded(['a.b'], 'axb'), false);
    assert.equal(excluded(['a+(b)'], 'a+(b)'), true);
    assert.equal(excluded(['[ab].txt'], 'b.txt'), true);
    assert.equal(excluded(['[^ab].txt'], 'b.txt'), false);
    assert.equal(excluded(['[a-c]x'], 'cx'), true);
    assert.equal(excluded(['\\*'], '*'), true);
    assert.equal(excluded(['\\*'], 'a'), false);
  });

  it('reuses parent results during a walk as Docker does', () => {
    const matcher = new PatternMatcher(['logs', '!logs/keep.log']);
    const dir = matcher.matchesUsingParent('logs', undefined);
    assert.equal(dir.excluded, true);
    assert.equal(matcher.matchesUsingParent('logs/keep.log', dir.matches).excluded, false);
    assert.equal(matcher.matchesUsingParent('logs/x.log', dir.matches).excluded, true);
  });

  it('rejects what Docker rejects, naming the pattern', () => {
    assert.throws(() => new PatternMatcher(['!']), (err: unknown) => err instanceof DockerignorePatternError && /"!"/.test(err.message));
    assert.throws(() => new PatternMatcher(['a[b']), /Invalid \.dockerignore pattern "a\[b"/);
    assert.equal(globSyntaxError('a\\'), 'it ends with a lone backslash');
    assert.match(globSyntaxError('[]')!, /character class/);
    assert.match(globSyntaxError('[a-]')!, /character class/);
    assert.equal(globSyntaxError('[a-c]*.{x}'), undefined);
  });
});

describe('keepBuildFiles', () => {
  it('adds exceptions for the Dockerfile and .dockerignore only when the patterns exclude them', () => {
    assert.deepEqual(keepBuildFiles(['*.md'], 'Dockerfile'), ['*.md']);
    assert.deepEqual(keepBuildFiles(['*'], 'Dockerfile'), ['*', '!.dockerignore', '!Dockerfile']);
    assert.deepEqual(keepBuildFiles(['docker'], 'docker/app.Dockerfile'), ['docker', '!docker/app.Dockerfile']);
    assert.deepEqual(keepBuildFiles([], 'Dockerfile'), []);
  });
});
