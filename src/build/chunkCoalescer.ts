import { Transform, TransformCallback } from 'node:stream';

/**
 * Joins small chunks into ones of about `size` bytes. A tar of many small files comes out of the
 * packer as a 512-byte header, a few bytes of content and padding per file; handed to the HTTP
 * request one by one, each becomes its own socket write and chunk frame, which cost more than the
 * files themselves.
 */
export class ChunkCoalescer extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly size = 64 * 1024) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.size) this.release();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.release();
    callback();
  }

  private release(): void {
    if (this.pendingBytes === 0) return;
    this.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
