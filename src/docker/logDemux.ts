/** Which output a piece of container log came from. 'system' is the engine's own error channel. */
export type LogStream = 'stdin' | 'stdout' | 'stderr' | 'system';

/** A run of bytes from one stream. */
export interface LogPiece {
  stream: LogStream;
  data: Buffer;
  /**
   * True for the first piece of a frame. The logs endpoint sends one log message per frame, which
   * lets the decoder tell a message boundary from a chunk boundary. Always false in raw mode.
   */
  frameStart: boolean;
}

/**
 * 'multiplexed': the 8-byte-header framing the engine uses for containers without a TTY.
 * 'raw': a TTY container, whose output is one unframed stream.
 */
export type LogStreamMode = 'multiplexed' | 'raw';

export class LogFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogFrameError';
  }
}

const HEADER_SIZE = 8;
const STREAM_TYPES: readonly LogStream[] = ['stdin', 'stdout', 'stderr', 'system'];

/**
 * Splits the engine's attach/logs byte stream into per-stream pieces. Payloads are handed on as
 * slices of the incoming chunks rather than reassembled, because the decoder downstream copes with
 * any split; only a header cut by a chunk boundary is ever copied.
 */
export class LogDemuxer {
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private headerFill = 0;
  private remaining = 0;
  private current: LogStream = 'stdout';
  private frameStartPending = false;

  constructor(readonly mode: LogStreamMode) {}

  /** Pieces completed by this chunk, in stream order. Throws LogFrameError on a corrupt header. */
  push(chunk: Buffer): LogPiece[] {
    if (chunk.length === 0) return [];
    if (this.mode === 'raw') return [{ stream: 'stdout', data: chunk, frameStart: false }];
    const pieces: LogPiece[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        pieces.push({ stream: this.current, data: chunk.subarray(offset, offset + take), frameStart: this.frameStartPending });
        this.frameStartPending = false;
        this.remaining -= take;
        offset += take;
        continue;
      }
      const take = Math.min(HEADER_SIZE - this.headerFill, chunk.length - offset);
      chunk.copy(this.header, this.headerFill, offset, offset + take);
      this.headerFill += take;
      offset += take;
      if (this.headerFill === HEADER_SIZE) this.startFrame();
    }
    return pieces;
  }

  /** True when the stream stopped between frames, false when it was cut inside one. */
  get atFrameBoundary(): boolean {
    return this.mode === 'raw' || (this.headerFill === 0 && this.remaining === 0);
  }

  private startFrame(): void {
    this.headerFill = 0;
    const type = this.header[0];
    // Bytes 1-3 are always zero in a real header; anything else means we are not reading frames.
    if (type >= STREAM_TYPES.length || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) {
      throw new LogFrameError(`not a multiplexed log stream (header ${this.header.toString('hex')})`);
    }
    this.current = STREAM_TYPES[type];
    this.remaining = this.header.readUInt32BE(4);
    // A zero-length frame carries no message, so it must not mark a boundary either.
    this.frameStartPending = this.remaining > 0;
  }
}
