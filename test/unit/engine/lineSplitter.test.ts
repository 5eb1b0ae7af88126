import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter, parseJsonLine } from '../../../src/engine/lineSplitter';

describe('LineSplitter', () => {
  it('returns lines as they complete, whatever the chunking', () => {
    const text = '{"a":1}\n{"b":2}\n\n{"c":3}\nlast';
    for (let size = 1; size <= text.length; size++) {
      const splitter = new LineSplitter();
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += size) lines.push(...splitter.push(Buffer.from(text.slice(i, i + size))));
      lines.push(...splitter.end());
      assert.deepEqual(lines, ['{"a":1}', '{"b":2}', '', '{"c":3}', 'last'], `chunks of ${size}`);
    }
  });

  it('keeps a UTF-8 character whole when a chunk boundary cuts it', () => {
    const bytes = Buffer.from('héllo ✓ wörld\n', 'utf8');
    const splitter = new LineSplitter();
    const lines = [...bytes].flatMap((byte) => splitter.push(Buffer.from([byte])));
    assert.deepEqual(lines, ['héllo ✓ wörld']);
    assert.deepEqual(splitter.end(), []);
  });

  it('parses JSON lines, passing over blank and malformed ones', () => {
    assert.deepEqual(parseJsonLine('  {"status":"Pulling"}\r'), { status: 'Pulling' });
    assert.equal(parseJsonLine(''), undefined);
    assert.equal(parseJsonLine('not json'), undefined);
  });
});
