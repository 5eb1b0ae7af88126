import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseByteSize, parseDuration, parseNanoCpus } from '../../../src/compose/composeUnits';
import { shellSplit } from '../../../src/compose/composeShlex';
import { closestMatch, editDistance } from '../../../src/compose/composeSuggest';

describe('parseDuration', () => {
  it('reads Go durations as nanoseconds', () => {
    assert.equal(parseDuration('1m30s'), 90e9);
    assert.equal(parseDuration('1.5s'), 1.5e9);
    assert.equal(parseDuration('250ms'), 250e6);
    assert.equal(parseDuration('1h2m3s4ms5us6ns'), 3723004005006);
    assert.equal(parseDuration('10µs'), 10e3);
    assert.equal(parseDuration('0'), 0);
  });

  it('rejects numbers without units, negatives and junk', () => {
    for (const text of ['10', '-1s', '', 's', '1x', 'ms1', '1s2']) assert.equal(parseDuration(text), undefined, text);
    assert.equal(parseDuration(' 1s '), 1e9);
  });
});

describe('parseByteSize', () => {
  it('reads binary multiples with optional i and b', () => {
    assert.equal(parseByteSize('512m'), 512 * 1024 ** 2);
    assert.equal(parseByteSize('1.5g'), 1.5 * 1024 ** 3);
    assert.equal(parseByteSize('2GiB'), 2 * 1024 ** 3);
    assert.equal(parseByteSize('64KB'), 64 * 1024);
    assert.equal(parseByteSize('100'), 100);
    assert.equal(parseByteSize('100b'), 100);
    assert.equal(parseByteSize(1048576), 1048576);
  });

  it('rejects junk', () => {
    for (const value of ['lots', '1x', '-1m', 'm', '']) assert.equal(parseByteSize(value), undefined, value);
    assert.equal(parseByteSize(-5), undefined);
  });
});

describe('parseNanoCpus', () => {
  it('converts CPUs to NanoCpus', () => {
    assert.equal(parseNanoCpus(0.5), 5e8);
    assert.equal(parseNanoCpus('2'), 2e9);
    assert.equal(parseNanoCpus('.25'), 2.5e8);
    assert.equal(parseNanoCpus('many'), undefined);
    assert.equal(parseNanoCpus(-1), undefined);
  });
});

describe('shellSplit', () => {
  it('splits like a shell without expanding anything', () => {
    assert.deepEqual(shellSplit('echo  hello\tworld'), ['echo', 'hello', 'world']);
    assert.deepEqual(shellSplit(`sh -c 'echo "$HOME" && ls'`), ['sh', '-c', 'echo "$HOME" && ls']);
    assert.deepEqual(shellSplit('a "b c" d\\ e "x\\"y" \'\''), ['a', 'b c', 'd e', 'x"y', '']);
    assert.deepEqual(shellSplit('a"b"\'c\'d'), ['abcd']);
    assert.deepEqual(shellSplit('"keep \\n as is"'), ['keep \\n as is']);
    assert.deepEqual(shellSplit('  '), []);
  });

  it('throws on unterminated quotes', () => {
    assert.throws(() => shellSplit('echo "open'), /double quote/);
    assert.throws(() => shellSplit("echo 'open"), /single quote/);
  });
});

describe('closestMatch', () => {
  it('suggests near misses only', () => {
    const keys = ['environment', 'image', 'restart', 'ports', 'tty'];
    assert.equal(closestMatch('enviroment', keys), 'environment');
    assert.equal(closestMatch('imgae', keys), 'image');
    assert.equal(closestMatch('port', keys), 'ports');
    assert.equal(closestMatch('frobnicate', keys), undefined);
    assert.equal(editDistance('ab', 'ba'), 1);
  });
});
