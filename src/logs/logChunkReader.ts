import { LogDecoder } from './logDecoder';
import { LogDemuxer, type LogPiece, type LogStream, type LogStreamMode } from './logDemux';
import { type LogLine, renderLogLine } from './logLines';
import type { ResumeSession } from './logResume';
import { readInstant, type Instant } from './logTimestamp';

/** What one chunk from the engine amounted to. */
export interface LogChunk {
  /** The shown lines rendered, each ending in "\n". */
  text: string;
  count: number;
  /** The lines themselves, only with keepLines. */
  lines: LogLine[];
}

export interface LogChunkReaderOptions {
  mode: LogStreamMode;
  /** The stream was requested with timestamps=true. */
  timestamps: boolean;
  /** Put the engine's timestamp before each rendered line. */
  showTimestamps: boolean;
  /** Build a LogLine per line (merging needs them); otherwise only the text is produced. */
  keepLines: boolean;
  /** Decides which lines are shown (a resumed request repeats some); all are without it. */
  session?: ResumeSession;
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;
const DEL = 0x7f;
/** Lead byte of U+0080..U+00BF in UTF-8; U+0080..U+009F are the C1 controls. */
const C1_LEAD = 0xc2;
const TIMESTAMP_MAX = 40;
/** Beyond this, a line may be one the engine split and prefixed again (see logLines.ts). */
const FAST_LINE_MAX = 4096;

/**
 * Turns the engine's log chunks into rendered text. A flood is almost all frames holding one
 * whole, plain line; those are copied from the engine's bytes into the output, their timestamp
 * read in place, without a string or object per line, which kept the reader from starving the
 * engine of CPU. Every other frame (split across chunks, with escape or control characters,
 * over-long, TTY output) takes the general path through LogDecoder, which renders the same text.
 */
export class LogChunkReader {
  private readonly demux: LogDemuxer;
  private readonly decoder: LogDecoder;
  private readonly instant: Instant = { seconds: 0, fraction: 0 };
  private out = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private count = 0;
  private lines: LogLine[] = [];
  private readonly whole = (stream: LogStream, chunk: Buffer, start: number, end: number): boolean => this.takeWhole(stream, chunk, start, end);
  private readonly piece = (piece: LogPiece): void => this.addLines(this.decoder.write(piece));

  constructor(private readonly options: LogChunkReaderOptions) {
    this.demux = new LogDemuxer(options.mode);
    this.decoder = new LogDecoder({ timestamps: options.timestamps });
  }

  /** Throws LogFrameError if the stream is not what the mode says. */
  read(chunk: Buffer): LogChunk | undefined {
    if (this.options.keepLines) {
      for (const piece of this.demux.push(chunk)) this.piece(piece);
    } else {
      this.demux.pushWith(chunk, this.whole, this.piece);
    }
    return this.take();
  }

  /** The last line, even without its newline; the reader is then done. */
  end(): LogChunk | undefined {
    this.addLines(this.decoder.end());
    return this.take();
  }

  private takeWhole(stream: LogStream, chunk: Buffer, start: number, end: number): boolean {
    if (end - start > FAST_LINE_MAX || chunk[end - 1] !== NEWLINE || !this.decoder.isClean(stream)) return false;
    let body = start;
    if (this.options.timestamps) {
      const limit = Math.min(end, start + TIMESTAMP_MAX + 1);
      let space = start;
      while (space < limit && chunk[space] !== SPACE) space++;
      if (space >= limit || !readInstant(chunk, start, space, this.instant)) return false;
      body = space + 1;
    }
    // Anything the general path would change (escapes, CR, BS, other controls, a second newline)
    // sends the frame there instead.
    for (let i = body; i < end - 1; i++) {
      const b = chunk[i];
      if (b < SPACE ? b !== TAB : b === DEL || (b === C1_LEAD && chunk[i + 1] >= 0x80 && chunk[i + 1] <= 0x9f)) return false;
    }
    const session = this.options.session;
    if (session && this.options.timestamps && !session.admitAt(this.instant.seconds, this.instant.fraction)) return true;
    const from = this.options.showTimestamps ? start : body;
    this.reserve(end - from);
    this.used += chunk.copy(this.out, this.used, from, end);
    this.count++;
    return true;
  }

  private addLines(lines: readonly LogLine[]): void {
    const session = this.options.session;
    const timestamps = this.options.showTimestamps;
    for (const line of lines) {
      if (session && !session.admit(line)) continue;
      const text = renderLogLine(line, { timestamps }) + '\n';
      this.reserve(text.length * 3);
      this.used += this.out.write(text, this.used);
      this.count++;
      if (this.options.keepLines) this.lines.push(line);
    }
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.used + bytes));
    this.out.copy(grown, 0, 0, this.used);
    this.out = grown;
  }

  private take(): LogChunk | undefined {
    if (this.count === 0) return undefined;
    const chunk: LogChunk = { text: this.out.toString('utf8', 0, this.used), count: this.count, lines: this.lines };
    this.used = 0;
    this.count = 0;
    if (this.lines.length > 0) this.lines = [];
    // One huge chunk (a whole log fetched at once) must not pin its buffer for the follow's life.
    if (this.out.length > 1024 * 1024) this.out = Buffer.allocUnsafe(64 * 1024);
    return chunk;
  }
}
