import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ChunkCoalescer } from '../../../src/build/chunkCoalescer';

/** The chunks as pushed ('data' in flowing mode; an async iterator would join what is buffered). */
function chunks(input: Buffer[], size: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const coalescer = new ChunkCoalescer(size);
  coalescer.on('data', (chunk: Buffer) => out.push(chunk));
  return new Promise((resolve, reject) => {
    coalescer.on('end', () => resolve(out));
    coalescer.on('error', reject);
    Readable.from(input, { objectMode: false }).pipe(coalescer);
  });
}

describe('ChunkCoalescer', () => {
  it('joins small chunks into ones of at least the size, the rest at the end, bytes unchanged', async () => {
    const input = Array.from({ length: 100 }, (_, i) => Buffer.alloc(512, i));
    const out = await chunks(input, 4096);
    assert.deepEqual(out.map((c) => c.length), [...Array(12).fill(4096), 100 * 512 - 12 * 4096]);
    assert.deepEqual(Buffer.concat(out), Buffer.concat(input));
  });

  it('passes a large chunk on as it is, and an empty stream as nothing', async () => {
    const big = Buffer.alloc(10_000, 1);
    const out = await chunks([big], 4096);
    assert.equal(out.length, 1);
    assert.equal(out[0], big);
    assert.deepEqual(await chunks([], 4096), []);
  });
});
