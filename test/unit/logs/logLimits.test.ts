import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineCountProblem, logFileName, markerLine, markerText, MAX_TAIL, memberLabel, parseLineCount, skippedText, tailFromSetting } from '../../../src/logs/logLimits';

describe('tailFromSetting', () => {
  it('takes whole counts within the cap as they are', () => {
    assert.deepEqual(tailFromSetting(500), { tail: 500, capped: false });
    assert.deepEqual(tailFromSetting(0), { tail: 0, capped: false });
    assert.deepEqual(tailFromSetting(12.7), { tail: 12, capped: false });
  });

  it('caps an enormous tail and says it did', () => {
    assert.deepEqual(tailFromSetting(5_000_000), { tail: MAX_TAIL, capped: true });
    assert.deepEqual(tailFromSetting(MAX_TAIL), { tail: MAX_TAIL, capped: false });
  });

  it('falls back for values that are not numbers and clamps negatives', () => {
    assert.deepEqual(tailFromSetting(undefined), { tail: 500, capped: false });
    assert.deepEqual(tailFromSetting('many'), { tail: 500, capped: false });
    assert.deepEqual(tailFromSetting(Number.NaN), { tail: 500, capped: false });
    assert.deepEqual(tailFromSetting(-3), { tail: 0, capped: false });
  });
});

describe('lineCountProblem', () => {
  it('accepts whole numbers from 1 to the cap, with separators', () => {
    for (const ok of ['1', ' 200 ', '100,000', '1_000']) assert.equal(lineCountProblem(ok), undefined, ok);
    assert.equal(parseLineCount('100,000'), 100_000);
    assert.equal(parseLineCount(' 42 '), 42);
  });

  it('names the problem with anything else', () => {
    assert.match(lineCountProblem('') ?? '', /Enter a number/);
    assert.match(lineCountProblem('abc') ?? '', /whole number/);
    assert.match(lineCountProblem('2.5') ?? '', /whole number/);
    assert.match(lineCountProblem('-4') ?? '', /whole number/);
    assert.match(lineCountProblem('0') ?? '', /at least 1/);
    assert.match(lineCountProblem('100001') ?? '', /At most 100,000 lines/);
  });
});

describe('markers', () => {
  it('says what happened to the container, with the exit code when known', () => {
    assert.equal(markerText({ kind: 'stopped', exitCode: 137 }, 'web'), 'web stopped (exit code 137)');
    assert.equal(markerText({ kind: 'stopped', exitCode: undefined }, 'web'), 'web stopped');
    assert.match(markerText({ kind: 'started' }, 'web'), /^web started again/);
    assert.match(markerText({ kind: 'removed' }, 'web'), /^web was removed; no longer following/);
    assert.equal(markerText({ kind: 'reconnecting', reason: 'connect ENOENT' }, 'web'), 'lost the engine connection (connect ENOENT); reconnecting');
  });

  it('sets marker lines apart with the local time', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5);
    assert.equal(markerLine('web stopped', at), '──── 03:04:05 web stopped ────');
  });
});

describe('logFileName', () => {
  it('keeps ordinary names and replaces what file systems reject', () => {
    assert.equal(logFileName('web-1'), 'web-1.log');
    assert.equal(logFileName('a/b:c*d', ' (last 5 lines)'), 'a_b_c_d (last 5 lines).log');
    assert.equal(logFileName('..hidden'), '_hidden.log');
  });
});

describe('memberLabel', () => {
  it('is the service, numbered from the second container of a scaled service', () => {
    const labels = (n: string): Record<string, string> => ({ 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': n });
    assert.equal(memberLabel(labels('1'), 'proj-web-1'), 'web');
    assert.equal(memberLabel(labels('2'), 'proj-web-2'), 'web-2');
    assert.equal(memberLabel({}, 'loose'), 'loose');
  });
});

describe('skippedText', () => {
  it('counts the lines left out and says where to find them all', () => {
    assert.match(skippedText(12_345), /^skipped 12,345 lines: .*Save Logs As\.\.\. or Show Last N Lines of Logs\.\.\. shows every line$/);
    assert.match(skippedText(1), /^skipped 1 line: /);
  });
});
