import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execListingCommand, parseExecListing } from '../../../src/files/execListing';

const M = '\u0001abc123';

describe('exec listing', () => {
  it('asks find for direct children only and stat for each, without a shell', () => {
    const cmd = execListingCommand('/srv/a b', M);
    assert.deepEqual(cmd.slice(0, 6), ['find', '/srv/a b', '-mindepth', '1', '-maxdepth', '1']);
    assert.ok(!cmd.includes('sh'));
  });

  it('parses records with spaces, quotes, newlines and unicode in names, links and dangling links', () => {
    // Captured from busybox 1.35 (berth-test/busybox) on a folder made for this test, marker substituted.
    const output = [
      `${M}Fa1ff 3 1796015712 0 0 /t/q`,
      `${M}F81a0 4 1796015717 1234 1234 /t/owned`,
      `${M}Fa1ff 4 1796015726 0 0 /t/o'k`,
      `${M}F81a4 3 1796015712 0 0 /t/a b`,
      `${M}Fa1ff 13 1796015712 0 0 /t/abs`,
      `${M}Fa1ff 7 1796015712 0 0 /t/rel`,
      `${M}F81a4 1 1796015726 0 0 /t/new\nline`,
      `${M}F41ed 4096 1796015712 0 0 /t/dür`,
      `${M}N'/t/q' -> 'a b'`,
      `${M}N'/t/o'k' -> 'it's'`,
      `${M}N'/t/abs' -> '/etc/hostname'`,
      `${M}N'/t/rel' -> '../dür'`,
      `${M}L81a4 /t/q`,
      `${M}L81a4 /t/abs`,
      `${M}L41ed /t/rel`,
      '',
    ].join('\n');
    const entries = parseExecListing(output, M);
    const get = (p: string): unknown => {
      const e = entries.get(p);
      return e && [e.name, e.kind, e.targetKind, e.linkTarget, e.size, e.mode.toString(8), e.uid];
    };
    assert.equal(entries.size, 8);
    assert.deepEqual(get('/t/q'), ['q', 'symlink', 'file', 'a b', 3, '777', 0]);
    assert.deepEqual(get('/t/owned'), ['owned', 'file', undefined, undefined, 4, '640', 1234]);
    assert.deepEqual(get("/t/o'k"), ["o'k", 'symlink', undefined, "it's", 4, '777', 0]);
    assert.deepEqual(get('/t/abs'), ['abs', 'symlink', 'file', '/etc/hostname', 13, '777', 0]);
    assert.deepEqual(get('/t/rel'), ['rel', 'symlink', 'directory', '../dür', 7, '777', 0]);
    assert.deepEqual(get('/t/new\nline'), ['new\nline', 'file', undefined, undefined, 1, '644', 0]);
    assert.deepEqual(get('/t/dür'), ['dür', 'directory', undefined, undefined, 4096, '755', 0]);
    assert.equal(entries.get('/t/owned')?.mtimeMs, 1796015717000);
  });

  it('leaves a target unknown when the quoted form does not match the link size (GNU shell quoting)', () => {
    const output = `${M}Fa1ff 4 1 0 0 /t/x\n${M}N'/t/x' -> 'it'\\''s'\n`;
    assert.equal(parseExecListing(output, M).get('/t/x')?.linkTarget, undefined);
  });

  it('ignores noise that is not a record', () => {
    assert.equal(parseExecListing('stat: cannot stat\n', M).size, 0);
  });
});
