import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cleanLogText, resolveControlCharacters, stripAnsi } from '../../../src/logs/logAnsi';
import { fixturePath } from '../../support/paths';

interface AnsiCase {
  name: string;
  input: string;
  expected: string;
}

const cases = JSON.parse(readFileSync(fixturePath('logs', 'ansi.json'), 'utf8')) as AnsiCase[];

describe('cleanLogText', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(cleanLogText(c.input), c.expected);
    });
  }
});

describe('stripAnsi', () => {
  it('keeps carriage returns for the next step', () => {
    assert.equal(stripAnsi('a\u001b[1mb\rc'), 'ab\rc');
  });

  it('keeps the byte that ends a malformed CSI', () => {
    assert.equal(stripAnsi('\u001b[12\u00e9x'), '\u00e9x');
  });
});

describe('resolveControlCharacters', () => {
  it('leaves a line with nothing but blanks between redraws empty', () => {
    assert.equal(resolveControlCharacters('   \r  '), '');
  });

  it('does not split surrogate pairs when dropping controls', () => {
    assert.equal(resolveControlCharacters('\u{1F600}\u0007\u{1F680}'), '\u{1F600}\u{1F680}');
  });
});
