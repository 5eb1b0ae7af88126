import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex } from '../../../src/compose/composeDiagnostics';
import { parseComposeDocuments, parseComposeText } from '../../../src/compose/composeParse';

describe('TextIndex', () => {
  it('maps offsets to 0-based lines and characters', () => {
    const index = new TextIndex('ab\ncd\n\nx');
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 2 });
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(6), { line: 2, character: 0 });
    assert.deepEqual(index.position(7), { line: 3, character: 0 });
    assert.deepEqual(index.position(99), { line: 3, character: 1 });
  });
});

describe('parseComposeText', () => {
  it('parses a valid file without diagnostics and keeps node ranges', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    const parsed = parseComposeText(text, '/p/compose.yaml');
    assert.deepEqual(parsed.diagnostics, []);
    const image = parsed.doc.getIn(['services', 'web', 'image'], true) as { range: [number, number, number] };
    assert.equal(text.slice(image.range[0], image.range[1]), 'nginx');
  });

  it('reports syntax errors with the file and exact range', () => {
    const text = 'services:\n  web: [unclosed\n';
    const parsed = parseComposeText(text, '/p/compose.yaml');
    assert.ok(parsed.diagnostics.length > 0);
    for (const d of parsed.diagnostics) {
      assert.equal(d.severity, 'error');
      assert.equal(d.code, 'yaml-syntax');
      assert.equal(d.file, '/p/compose.yaml');
      assert.deepEqual(d.range.start, new TextIndex(text).position(d.offset.start));
    }
  });

  it('points an unclosed quote at the quote that opened it', () => {
    const text = 'a: 1\nb: "open\n';
    const [d] = parseComposeText(text).diagnostics;
    assert.equal(text.slice(d.offset.start, d.offset.end), '"open');
    assert.deepEqual(d.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 8 } });
  });

  it('covers the whole of a duplicate key', () => {
    const text = 'services:\n  web: {}\n  "web": {}\n';
    const [d] = parseComposeText(text).diagnostics;
    assert.equal(text.slice(d.offset.start, d.offset.end), '"web"');
  });

  it('accepts the !reset and !override tags without warnings', () => {
    assert.deepEqual(parseComposeText('a: !reset null\nb: !override [1]\n').diagnostics, []);
    const [warning] = parseComposeText('a: !custom x\n').diagnostics;
    assert.equal(warning.severity, 'warning');
  });

  it('returns each document of a file, as compose merges them in order', () => {
    const docs = parseComposeDocuments('a: 1\n---\nb: 2\n', '/p/compose.yaml');
    assert.deepEqual(docs.map((d) => [d.sound, d.diagnostics.length, d.doc.toJS()]), [[true, 0, { a: 1 }], [true, 0, { b: 2 }]]);
  });

  it('reports an empty file, as compose does', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      const docs = parseComposeDocuments(text, '/p/compose.yaml');
      assert.deepEqual(docs.map((d) => d.diagnostics.map((x) => x.code)), [['empty-file']], JSON.stringify(text));
    }
  });
});
