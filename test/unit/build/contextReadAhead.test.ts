import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAhead } from '../../../src/build/contextReadAhead';
import { BuildContextError, ContextEntry, walkContext } from '../../../src/build/contextWalk';
import { PatternMatcher } from '../../../src/build/patternMatcher';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readAhead', () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

  async function folder(files: Record<string, string | Buffer>): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-readahead-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await fs.writeFile(path.join(dir, name), content);
    }
    return dir;
  }

  it('keeps the walk order, reads small files whole and leaves large and empty ones to be streamed', async () => {
    const files: Record<string, string | Buffer> = { 'empty.txt': '', 'big.bin': Buffer.alloc(300 * 1024, 7) };
    for (let i = 0; i < 50; i++) files[`src/f${String(i).padStart(2, '0')}.txt`] = `file ${i}\n`;
    const dir = await folder(files);
    const walked = await collect(walkContext(dir, new PatternMatcher([])));
    const read = await collect(readAhead(walkContext(dir, new PatternMatcher([])), { window: 8, maxFileBytes: 256 * 1024, maxBufferedBytes: 64 }));
    assert.deepEqual(read.map((e) => e.name), walked.map((e) => e.name));
    const byName = new Map(read.map((e) => [e.name, e]));
    assert.equal(byName.get('src/f07.txt')?.content?.toString(), 'file 7\n');
    assert.equal(byName.get('big.bin')?.content, undefined);
    assert.equal(byName.get('empty.txt')?.content, undefined);
    assert.equal(byName.get('src')?.content, undefined);
  });

  it('a file that shrank after the walk saw it fails with its name, when its turn comes', async () => {
    const dir = await folder({ 'a.txt': 'aaaa', 'b.txt': 'bbbbbbbb' });
    const entries = await collect(walkContext(dir, new PatternMatcher([])));
    await fs.writeFile(path.join(dir, 'b.txt'), 'b');
    async function* replay(): AsyncGenerator<ContextEntry> {
      yield* entries;
    }
    const reader = readAhead(replay());
    assert.equal((await reader.next()).value?.name, 'a.txt');
    await assert.rejects(reader.next(), (err: Error) => err instanceof BuildContextError && /"b\.txt" changed/.test(err.message));
  });
});
