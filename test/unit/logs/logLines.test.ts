import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/logs/logLines';

function splitAll(chunks: string[], max?: number): { texts: string[]; firsts: boolean[] } {
  const splitter = new LineSplitter(max);
  const pieces = chunks.flatMap((c) => splitter.push(c));
  const last = splitter.flush();
  if (last) pieces.push(last);
  return { texts: pieces.map((p) => p.text), firsts: pieces.map((p) => p.first) };
}

describe('LineSplitter', () => {
  it('splits on newlines and keeps empty lines', () => {
    assert.deepEqual(splitAll(['a\n\nb\n']).texts, ['a', '', 'b']);
  });

  it('holds a partial last line and gives it up on flush', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('one\ntw'), [{ text: 'one', first: true }]);
    assert.equal(splitter.hasPartial, true);
    assert.deepEqual(splitter.push('o'), []);
    assert.deepEqual(splitter.flush(), { text: 'two', first: true });
    assert.equal(splitter.flush(), undefined);
  });

  it('gives the same lines however the text is chunked', () => {
    const text = 'alpha\nbeta\r\n\ngamma delta\nepsilon';
    const whole = splitAll([text]).texts;
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(splitAll([text.slice(0, cut), text.slice(cut)]).texts, whole, `cut at ${cut}`);
    }
    assert.deepEqual(whole, ['alpha', 'beta\r', '', 'gamma delta', 'epsilon']);
  });

  it('cuts over-long lines at fixed positions, independent of chunking', () => {
    const line = 'abcdefghij'.repeat(3);
    const expected = { texts: ['abcdefgh', 'ijabcdef', 'ghijabcd', 'efghij', 'ok'], firsts: [true, false, false, false, true] };
    assert.deepEqual(splitAll([`${line}\nok\n`], 8), expected);
    assert.deepEqual(splitAll([...`${line}\nok\n`], 8), expected);
  });

  it('treats a line of exactly the maximum length as one line', () => {
    assert.deepEqual(splitAll(['abcd', '\n'], 4).texts, ['abcd']);
    assert.deepEqual(splitAll(['abcd\n'], 4).texts, ['abcd']);
  });
});
