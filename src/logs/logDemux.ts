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

  /**
   * push() for the hot path: a frame whose header and payload both lie inside this chunk is offered
   * to `whole` as offsets (no copy, no object); if `whole` declines it, or the frame is cut by a chunk
   * boundary, it goes to `piece` as push() would return it. Calls come in stream order.
   */
  pushWith(chunk: Buffer, whole: (stream: LogStream, chunk: Buffer, start: number, end: number) => boolean, piece: (piece: LogPiece) => void): void {
    if (this.mode === 'raw') {
      for (const p of this.push(chunk)) piece(p);
      return;
    }
    // Finish a frame in progress the ordinary way, then carry on from the next header.
    if (this.headerFill > 0 || this.remaining > 0) chunk = chunk.subarray(this.finishCurrent(chunk, piece));
    let offset = 0;
    while (offset + HEADER_SIZE <= chunk.length) {
      const type = chunk[offset];
      if (type >= STREAM_TYPES.length || chunk[offset + 1] !== 0 || chunk[offset + 2] !== 0 || chunk[offset + 3] !== 0) break;
      const length = chunk.readUInt32BE(offset + 4);
      const start = offset + HEADER_SIZE;
      const end = start + length;
      if (end > chunk.length) break;
      if (length > 0 && !whole(STREAM_TYPES[type], chunk, start, end)) {
        piece({ stream: STREAM_TYPES[type], data: chunk.subarray(start, end), frameStart: true });
      }
      offset = end;
    }
    // A cut frame, or a bad header for push() to report.
    for (const p of this.push(chunk.subarray(offset))) piece(p);
  }

  /** Feeds the part of `chunk` that completes the frame in progress to push(); returns where it ends. */
  private finishCurrent(chunk: Buffer, piece: (piece: LogPiece) => void): number {
    let upTo = 0;
    if (this.headerFill > 0) {
      const headerRest = Math.min(HEADER_SIZE - this.headerFill, chunk.length);
      for (const p of this.push(chunk.subarray(0, headerRest))) piece(p);
      upTo = headerRest;
      if (this.headerFill > 0) return chunk.length;
    }
    const payload = Math.min(this.remaining, chunk.length - upTo);
    for (const p of this.push(chunk.subarray(upTo, upTo + payload))) piece(p);
    return upTo + payload;
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
