import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromGoFileMode, kindOfPosixMode, modeString } from '../../../src/files/fileEntry';

describe('file modes', () => {
  it('decodes the Go FileMode the engine sends in X-Docker-Container-Path-Stat', () => {
    // Values captured from the test engine: a folder (0755), a symlink (0777), a file (0640).
    assert.deepEqual(fromGoFileMode(2147484141), { kind: 'directory', mode: 0o755 });
    assert.deepEqual(fromGoFileMode(134218239), { kind: 'symlink', mode: 0o777 });
    assert.deepEqual(fromGoFileMode(416), { kind: 'file', mode: 0o640 });
    assert.deepEqual(fromGoFileMode(2 ** 31 + 2 ** 20 + 0o777), { kind: 'directory', mode: 0o1777 });
    assert.deepEqual(fromGoFileMode(2 ** 23 + 0o755), { kind: 'file', mode: 0o4755 });
    assert.equal(fromGoFileMode(2 ** 25 + 0o644).kind, 'other');
  });

  it('reads the kind of a POSIX st_mode', () => {
    assert.equal(kindOfPosixMode(0x81a4), 'file');
    assert.equal(kindOfPosixMode(0x41ed), 'directory');
    assert.equal(kindOfPosixMode(0xa1ff), 'symlink');
    assert.equal(kindOfPosixMode(0x11a4), 'other');
  });

  it('prints modes as ls does', () => {
    assert.equal(modeString('directory', 0o755), 'drwxr-xr-x');
    assert.equal(modeString('file', 0o640), '-rw-r-----');
    assert.equal(modeString('directory', 0o1777), 'drwxrwxrwt');
    assert.equal(modeString('file', 0o4644), '-rwSr--r--');
    assert.equal(modeString('symlink', 0o777), 'lrwxrwxrwx');
  });
});
