import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tarFiles } from '../../../src/compose/composeTar';

describe('tarFiles', () => {
  it('writes an archive GNU tar extracts, with parent folders, contents and modes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-tar-'));
    try {
      const archive = path.join(dir, 'files.tar');
      const text = 'line one\nünïcode line\n'.repeat(40);
      writeFileSync(archive, tarFiles([
        { path: 'run/secrets/api_key', content: 'k-123' },
        { path: 'etc/app.conf', content: text, mode: 0o640 },
      ]));
      const out = path.join(dir, 'out');
      execFileSync('mkdir', [out]);
      execFileSync('tar', ['-xf', archive, '-C', out]);
      assert.equal(readFileSync(path.join(out, 'run/secrets/api_key'), 'utf8'), 'k-123');
      assert.equal(readFileSync(path.join(out, 'etc/app.conf'), 'utf8'), text);
      assert.equal(statSync(path.join(out, 'etc/app.conf')).mode & 0o777, 0o640);
      assert.equal(statSync(path.join(out, 'run/secrets/api_key')).mode & 0o777, 0o444);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a path the header cannot hold', () => {
    assert.throws(() => tarFiles([{ path: 'x'.repeat(101), content: '' }]), /too long/);
  });
});
