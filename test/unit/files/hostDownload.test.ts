import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { extractToHost } from '../../../src/files/hostDownload';

describe('download to the host', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'berth-dl-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes folders, files (streamed) and links under the destination, without setuid bits', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'app/', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'app/run.sh', mode: 0o4755 }, Buffer.from('#!/bin/sh\n'));
    pack.entry({ name: 'app/big.bin', mode: 0o644 }, Buffer.alloc(3 * 1024 * 1024, 7));
    pack.entry({ name: 'app/link', type: 'symlink', linkname: 'run.sh', mode: 0o777 });
    pack.finalize();
    const result = await extractToHost(Readable.from(pack), dir);
    assert.equal(result.files, 2);
    assert.equal(await readFile(join(dir, 'app/run.sh'), 'utf8'), '#!/bin/sh\n');
    assert.equal((await stat(join(dir, 'app/run.sh'))).mode & 0o7777, 0o755);
    assert.equal((await stat(join(dir, 'app/big.bin'))).size, 3 * 1024 * 1024);
    assert.equal(await readlink(join(dir, 'app/link')), 'run.sh');
  });

  it('refuses entries that would land outside the destination', async () => {
    const pack = tar.pack();
    pack.entry({ name: '../escape.txt', mode: 0o644 }, Buffer.from('x'));
    pack.entry({ name: 'ok/../../escape2.txt', mode: 0o644 }, Buffer.from('x'));
    pack.entry({ name: 'fine.txt', mode: 0o644 }, Buffer.from('y'));
    pack.finalize();
    const result = await extractToHost(Readable.from(pack), join(dir, 'dest'));
    assert.deepEqual(result.skipped.sort(), ['../escape.txt', 'ok/../../escape2.txt']);
    assert.equal(existsSync(join(dir, 'escape.txt')), false);
    assert.equal(existsSync(join(dir, 'escape2.txt')), false);
    assert.equal(await readFile(join(dir, 'dest/fine.txt'), 'utf8'), 'y');
  });
});
