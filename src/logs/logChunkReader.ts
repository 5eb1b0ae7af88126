import { LogDecoder } from './logDecoder';
import { LogDemuxer, type LogPiece, type LogStream, type LogStreamMode } from './logDemux';
import { CUT_LINE_NOTE, markerLine } from './logLimits';
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
  /**
   * Put the pieces of an over-long line (see LineSplitter) back together, for a file. Without, as a
   * log channel wants, only its first piece is shown, then a marker line saying the rest was left out.
   */
  wholeLines?: boolean;
  /**
   * The request asked for the last lines of the log (`tail`). The engine stores a long line as 16 KiB
   * pieces and counts each as a line, so such a request can start inside one: when its first message
   * is such a piece, a marker says the line shown may have begun earlier.
   */
  tailed?: boolean;
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
  /** Streams whose current over-long line has had its cut noted. */
  private readonly cutNoted = new Set<LogStream>();
  /** With wholeLines: the stream whose over-long line is written up to here, its newline still to come. */
  private openStream: LogStream | undefined;
  private readonly whole = (stream: LogStream, chunk: Buffer, start: number, end: number): boolean => this.takeWhole(stream, chunk, start, end);
  private readonly piece = (piece: LogPiece): void => {
    if (this.firstFrame !== 'done') this.watchFirstFrame(piece);
    this.addLines(this.decoder.write(piece));
  };
  /** With `tailed`: whether the response's first message has been seen whole. */
  private firstFrame: 'pending' | 'inside' | 'done';
  private firstFrameStream: LogStream | undefined;
  private firstFrameEndsLine = true;
  /** The stream whose next line gets the "may have begun earlier" marker. */
  private startsMidLine: LogStream | undefined;

  constructor(private readonly options: LogChunkReaderOptions) {
    this.demux = new LogDemuxer(options.mode);
    this.decoder = new LogDecoder({ timestamps: options.timestamps });
    this.firstFrame = options.tailed && options.mode === 'multiplexed' ? 'pending' : 'done';
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
    if (this.firstFrame === 'inside') this.decideFirstFrame();
    this.addLines(this.decoder.end());
    this.closeOpenLine();
    return this.take();
  }

  /** Notes where the first message ends: a following frame starts, so the one before is whole. */
  private watchFirstFrame(piece: LogPiece): void {
    if (this.firstFrame === 'inside' && piece.frameStart) this.decideFirstFrame();
    if (this.firstFrame === 'done') return;
    this.firstFrame = 'inside';
    this.firstFrameStream = piece.stream;
    if (piece.data.length > 0) this.firstFrameEndsLine = piece.data[piece.data.length - 1] === NEWLINE;
  }

  private decideFirstFrame(): void {
    this.firstFrame = 'done';
    if (!this.firstFrameEndsLine) this.startsMidLine = this.firstFrameStream;
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
    // Taken here, this frame is a whole line: if it comes first, the request did not start inside a long one.
    if (this.firstFrame !== 'done') {
      if (this.firstFrame === 'inside') this.decideFirstFrame();
      else this.firstFrame = 'done';
    }
    const session = this.options.session;
    if (session && this.options.timestamps && !session.admitAt(this.instant.seconds, this.instant.fraction)) return true;
    const from = this.options.showTimestamps ? start : body;
    this.closeOpenLine();
    if (this.cutNoted.size > 0) this.cutNoted.delete(stream);
    this.reserve(end - from);
    this.used += chunk.copy(this.out, this.used, from, end);
    this.count++;
    return true;
  }

  private addLines(lines: readonly LogLine[]): void {
    const session = this.options.session;
    const timestamps = this.options.showTimestamps;
    for (const line of lines) {
      // Admitted first, so resuming counts the pieces of a cut line as the decoder makes them.
      if (session && !session.admit(line)) continue;
      if (line.stream === this.startsMidLine && !line.continued) this.noteStartsMidLine(line);
      if (this.options.wholeLines) {
        this.addWhole(line, timestamps);
        continue;
      }
      if (line.continued) {
        this.noteCut(line);
        continue;
      }
      this.cutNoted.delete(line.stream);
      this.render(line, timestamps);
    }
  }

  /**
   * A log channel shows the start of an over-long line only: a 20 MB line in the Output view would
   * stall the window. Where the rest would go, one marker line says so and where to get it whole.
   */
  private noteCut(line: LogLine): void {
    if (this.cutNoted.has(line.stream)) return;
    this.cutNoted.add(line.stream);
    this.render({ stream: line.stream, text: markerLine(CUT_LINE_NOTE), ...(line.timestamp ? { timestamp: line.timestamp } : {}) }, false);
  }

  /** Writes a line or a piece of one, leaving the line open while more of it is to come. */
  private addWhole(line: LogLine, timestamps: boolean): void {
    const continues = line.continued === true && this.openStream === line.stream;
    if (!continues) this.closeOpenLine();
    // A piece carries its line's timestamp, which belongs only at the start of the line.
    const text = continues ? line.text : renderLogLine(line, { timestamps });
    this.reserve(text.length * 3 + 1);
    this.used += this.out.write(line.cut ? text : `${text}\n`, this.used);
    if (!continues) this.count++;
    this.openStream = line.cut ? line.stream : undefined;
  }

  private closeOpenLine(): void {
    if (this.openStream === undefined) return;
    this.openStream = undefined;
    this.reserve(1);
    this.out[this.used++] = NEWLINE;
  }

  private noteStartsMidLine(line: LogLine): void {
    this.startsMidLine = undefined;
    const note = 'the line below may have begun before the history loaded: the engine counts each 16 KiB piece of a long line as one line of the tail (Save Logs As... writes it whole)';
    this.render({ stream: line.stream, text: markerLine(note), ...(line.timestamp ? { timestamp: line.timestamp } : {}) }, false);
  }

  private render(line: LogLine, timestamps: boolean): void {
    const text = renderLogLine(line, { timestamps }) + '\n';
    this.reserve(text.length * 3);
    this.used += this.out.write(text, this.used);
    this.count++;
    if (this.options.keepLines) this.lines.push(line);
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
