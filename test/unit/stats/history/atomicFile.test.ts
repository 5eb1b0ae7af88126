import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isTempFileOf, tempPathFor, writeFileAtomic } from '../../../../src/stats/history/atomicFile';
import { makeTempDir, removeTempDir } from './historySupport';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it('creates missing folders and replaces an existing file', async () => {
    const target = path.join(dir, 'a', 'b', 'data.bin');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    await writeFileAtomic(target, new Uint8Array([4, 5]));
    assert.deepEqual([...readFileSync(target)], [4, 5]);
    assert.deepEqual(readdirSync(path.dirname(target)), ['data.bin']);
  });

  it('a failing step before the rename removes the temp file and keeps the old content', async () => {
    const target = path.join(dir, 'data.bin');
    await writeFileAtomic(target, new Uint8Array([1]));
    let temp = '';
    await assert.rejects(
      writeFileAtomic(target, new Uint8Array([2]), {
        beforeRename: (tempPath) => {
          temp = tempPath;
          throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    assert.ok(temp.length > 0);
    assert.equal(existsSync(temp), false);
    assert.deepEqual([...readFileSync(target)], [1]);
    assert.deepEqual(readdirSync(dir), ['data.bin']);
  });

  it('temp names are unique, hidden, beside the target and recognisable', () => {
    const target = path.join(dir, 'metrics.sqlite');
    const one = tempPathFor(target);
    const two = tempPathFor(target);
    assert.notEqual(one, two);
    assert.equal(path.dirname(one), dir);
    assert.ok(path.basename(one).startsWith('.metrics.sqlite.tmp-'));
    assert.equal(isTempFileOf(target, path.basename(one)), true);
    assert.equal(isTempFileOf(target, 'metrics.sqlite'), false);
    assert.equal(isTempFileOf(target, '.other.sqlite.tmp-1-ab'), false);
  });
});
