import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { childrenFromArchive, firstEntry, firstFileContent, firstHeader, singleEntryArchive } from '../../../src/files/tarListing';

/** An archive shaped as the engine sends a folder: the folder first, then its subtree depth first. */
function folderArchive(root: string): Readable {
  const pack = tar.pack();
  const mtime = new Date(1_700_000_000_000);
  pack.entry({ name: root, type: 'directory', mode: 0o755, mtime });
  pack.entry({ name: `${root}sub/`, type: 'directory', mode: 0o700, mtime, uid: 5, gid: 6 });
  pack.entry({ name: `${root}sub/deep.txt`, mode: 0o644, mtime }, Buffer.from('deep'));
  pack.entry({ name: `${root}sp ace ü.txt`, mode: 0o600, mtime }, Buffer.alloc(100_000, 1));
  pack.entry({ name: `${root}link`, type: 'symlink', linkname: 'sub/deep.txt', mode: 0o777, mtime });
  pack.finalize();
  return Readable.from(pack);
}

describe('tar listing', () => {
  for (const root of ['data/', '/']) {
    it(`keeps only the direct children of "${root}"`, async () => {
      const children = await childrenFromArchive(folderArchive(root));
      assert.deepEqual(
        children.map((c) => [c.name, c.kind, c.size, c.mode.toString(8), c.linkTarget]),
        [
          ['sub', 'directory', 0, '700', undefined],
          ['sp ace ü.txt', 'file', 100_000, '600', undefined],
          ['link', 'symlink', 12, '777', 'sub/deep.txt'],
        ],
      );
      assert.deepEqual([children[0].uid, children[0].gid, children[0].mtimeMs], [5, 6, 1_700_000_000_000]);
    });
  }

  it('reads a file entry with its content, and a folder entry without', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'f.bin', mode: 0o644 }, Buffer.alloc(70_000, 3));
    pack.finalize();
    const file = await firstEntry(Readable.from(pack));
    assert.deepEqual([file?.entry.kind, file?.content?.length, file?.content?.[69_999]], ['file', 70_000, 3]);
    const folder = await firstEntry(folderArchive('data/'));
    assert.deepEqual([folder?.entry.kind, folder?.content], ['directory', undefined]);
  });

  it('reads the first header and stops', async () => {
    const header = await firstHeader(folderArchive('data/'));
    assert.deepEqual([header?.name, header?.kind], ['data', 'directory']);
  });

  it('round-trips a single file entry with mode and owner', async () => {
    const archive = singleEntryArchive({ name: 'f.txt', kind: 'file', mode: 0o640, uid: 1234, gid: 99 }, Buffer.from('content'));
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const header = await firstHeader(Readable.from([bytes]));
    assert.deepEqual([header?.name, header?.mode, header?.uid, header?.gid, header?.size], ['f.txt', 0o640, 1234, 99, 7]);
    assert.equal((await firstFileContent(Readable.from([bytes]))).toString(), 'content');
  });

  it('rejects a broken archive', async () => {
    await assert.rejects(childrenFromArchive(Readable.from([Buffer.alloc(512, 7)])));
  });
});
