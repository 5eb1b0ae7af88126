import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { shellCommand, shellQuote } from '../../../src/files/shellSession';

const HOSTILE = ["it's", "''", '$(echo pwned)', '`echo pwned`', 'a\nb', '-rf', '; echo pwned', '*', '~', '"$HOME"', '\\', ' lead and trail ', '', 'ü 名前'];

describe('shell quoting for the browsing shell', () => {
  it('gives every word back to the program as it was, through a real sh', () => {
    for (const word of HOSTILE) {
      const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shellQuote(word)}`], { encoding: 'utf8' });
      assert.equal(out, `${word}\0`, JSON.stringify(word));
    }
  });

  it('keeps argv word for word, none split or expanded', () => {
    const out = execFileSync('sh', ['-c', shellCommand(['printf', '%s\\0', ...HOSTILE])], { encoding: 'utf8' });
    assert.deepEqual(out.split('\0').slice(0, -1), HOSTILE);
  });
});
