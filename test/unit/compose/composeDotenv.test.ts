import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../../src/compose/composeDotenv';

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and empty values', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B=two words',
      'C="double # kept"',
      "D='single $A'",
      'E=',
      'F=x # comment',
      'G=x#not-a-comment',
      '  H = spaced  ',
      'I="esc\\n\\t\\"q\\" \\$A"',
    ].join('\n');
    assert.deepEqual(parseDotenv(text).values, {
      A: '1',
      B: 'two words',
      C: 'double # kept',
      D: 'single $A',
      E: '',
      F: 'x',
      G: 'x#not-a-comment',
      H: 'spaced',
      I: 'esc\n\t"q" $A',
    });
  });

  it('keeps line breaks of multi-line quoted values and handles CRLF files', () => {
    assert.deepEqual(parseDotenv('M="a\nb"\r\nN=c\r\n').values, { M: 'a\nb', N: 'c' });
    assert.deepEqual(parseDotenv("S='x\ny'\nT=1").values, { S: 'x\ny', T: '1' });
  });

  it('interpolates from earlier values and the lookup, the lookup first', () => {
    const result = parseDotenv('A=one\nB=${A}-${ENV}\nC=${A:-no}\nA2=$A', (name) => (name === 'ENV' ? 'env' : undefined));
    assert.deepEqual(result.values, { A: 'one', B: 'one-env', C: 'one', A2: 'one' });
    assert.equal(parseDotenv('A=file\nB=${A}', (n) => (n === 'A' ? 'env' : undefined)).values.B, 'env');
  });

  it('takes a bare name from the lookup and skips it when unset', () => {
    const lookup = (name: string): string | undefined => (name === 'HOME_DIR' ? '/h' : undefined);
    assert.deepEqual(parseDotenv('HOME_DIR\nNOT_SET\n', lookup).values, { HOME_DIR: '/h' });
  });

  it('reports unset variables at their offsets in the file, also inside quotes with escapes', () => {
    const text = 'A="\\t${X}"\nB=${Y}';
    const result = parseDotenv(text);
    assert.deepEqual(result.issues.map((i) => [i.code, text.slice(i.start, i.end)]), [
      ['unset-variable', '${X}'],
      ['unset-variable', '${Y}'],
    ]);
  });

  it('reports syntax errors and goes on with the next line', () => {
    const text = '1A=x\nB value\nC="open\n';
    const result = parseDotenv(text);
    assert.deepEqual(result.issues.map((i) => [i.code, i.severity, text.slice(i.start, i.end)]), [
      ['dotenv-syntax', 'error', '1A=x'],
      ['dotenv-syntax', 'error', 'v'],
      ['dotenv-syntax', 'error', '"open'],
    ]);
    assert.deepEqual(parseDotenv('X="a" junk\nY=1').issues.map((i) => i.message), ['Unexpected text after the closing quote.']);
  });
});
