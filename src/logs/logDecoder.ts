import { StringDecoder } from 'node:string_decoder';
import { LogDemuxer, type LogPiece, type LogStream, type LogStreamMode } from './logDemux';
import { DEFAULT_MAX_LINE_LENGTH, LineSplitter, type LogLine, parseLogLine, type SplitLine } from './logLines';
import { parseLogTimestamp, type LogTimestamp } from './logTimestamp';

export interface LogDecoderOptions {
  /** The stream was requested with timestamps=true, so every message starts with one. */
  timestamps: boolean;
  maxLineLength?: number;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const TIMESTAMP_PREFIX_MAX = 40;

class StreamState {
  readonly text = new StringDecoder('utf8');
  readonly lines: LineSplitter;
  /** Timestamp of the line being cut into pieces, for its continuation pieces. */
  lineTimestamp: LogTimestamp | undefined;
  /** The last message on this stream did not end with a newline. */
  midLine = false;
  /** Bytes of a continuation message's timestamp prefix, while it is being skipped. */
  prefix: Buffer[] | undefined;
  prefixLength = 0;

  constructor(maxLineLength: number) {
    this.lines = new LineSplitter(maxLineLength);
  }
}

/**
 * Bytes per stream to LogLines: UTF-8 decoding that survives characters cut by chunk boundaries,
 * line splitting, timestamp parsing and escape stripping. Each stream has its own decoder, since
 * stdout and stderr frames interleave and may each cut a character in half.
 */
export class LogDecoder {
  private readonly streams = new Map<LogStream, StreamState>();
  private readonly maxLineLength: number;

  constructor(private readonly options: LogDecoderOptions) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  write(piece: LogPiece): LogLine[] {
    const state = this.state(piece.stream);
    let data = piece.data;
    // The engine splits lines longer than 16 KiB into several messages, each with its own
    // timestamp. Only the first belongs in the line, so a message continuing a line loses its prefix.
    if (piece.frameStart && this.options.timestamps && state.midLine) state.prefix = [];
    if (state.prefix) data = this.skipPrefix(state, data);
    if (data.length === 0) return [];
    // The common case, one whole line per frame: when nothing of an earlier line is held, the text
    // decoder and the splitter have nothing to add, and a flood of lines skips both.
    const wholeLine = !state.midLine && data.indexOf(NEWLINE) === data.length - 1 && data.length <= this.maxLineLength && !state.lines.hasPartial;
    if (wholeLine) return [this.toLine(piece.stream, state, { text: data.toString('utf8', 0, data.length - 1), first: true })];
    state.midLine = data[data.length - 1] !== NEWLINE;
    return this.lines(piece.stream, state, state.text.write(data));
  }

  /** True when nothing of an earlier message is held for this stream, so a whole line may bypass the decoder. */
  isClean(stream: LogStream): boolean {
    const state = this.streams.get(stream);
    return !state || (!state.midLine && !state.prefix && !state.lines.hasPartial);
  }

  /** Completes every stream, including a last line that never got its newline. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    for (const [stream, state] of this.streams) {
      if (state.prefix) this.releasePrefix(state, out, stream);
      out.push(...this.lines(stream, state, state.text.end()));
      const last = state.lines.flush();
      if (last) out.push(this.toLine(stream, state, last));
      state.midLine = false;
    }
    return out;
  }

  /** Forgets half-received lines, e.g. after a connection dropped mid-message that will be fetched again. */
  discardPartial(): void {
    this.streams.clear();
  }

  private state(stream: LogStream): StreamState {
    let state = this.streams.get(stream);
    if (!state) {
      state = new StreamState(this.maxLineLength);
      this.streams.set(stream, state);
    }
    return state;
  }

  private skipPrefix(state: StreamState, data: Buffer): Buffer {
    const prefix = state.prefix ?? [];
    const space = data.indexOf(SPACE);
    const upTo = space >= 0 ? space : data.length;
    if (state.prefixLength + upTo > TIMESTAMP_PREFIX_MAX) {
      // Not a timestamp after all: give the held bytes back as message text.
      state.prefix = undefined;
      const held = Buffer.concat([...prefix, data]);
      state.prefixLength = 0;
      return held;
    }
    prefix.push(data.subarray(0, upTo));
    state.prefixLength += upTo;
    if (space < 0) return Buffer.alloc(0);
    const candidate = Buffer.concat(prefix).toString('latin1');
    state.prefix = undefined;
    state.prefixLength = 0;
    return parseLogTimestamp(candidate) ? data.subarray(space + 1) : Buffer.concat([...prefix, data.subarray(space)]);
  }

  private releasePrefix(state: StreamState, out: LogLine[], stream: LogStream): void {
    const held = Buffer.concat(state.prefix ?? []);
    state.prefix = undefined;
    state.prefixLength = 0;
    out.push(...this.lines(stream, state, state.text.write(held)));
  }

  private lines(stream: LogStream, state: StreamState, text: string): LogLine[] {
    if (text.length === 0) return [];
    return state.lines.push(text).map((piece) => this.toLine(stream, state, piece));
  }

  private toLine(stream: LogStream, state: StreamState, piece: SplitLine): LogLine {
    let line: LogLine;
    if (piece.first) {
      line = parseLogLine(piece.text, stream, this.options.timestamps);
      state.lineTimestamp = line.timestamp;
    } else {
      line = { ...parseLogLine(piece.text, stream, false), continued: true };
      if (state.lineTimestamp) line.timestamp = state.lineTimestamp;
    }
    if (piece.cut) line.cut = true;
    return line;
  }

}

/** Decodes a complete, non-following logs response (a Buffer from EngineClient.containerLogs) in one go. */
export function decodeLogBuffer(data: Buffer, mode: LogStreamMode, timestamps: boolean): LogLine[] {
  const demux = new LogDemuxer(mode);
  const decoder = new LogDecoder({ timestamps });
  const lines: LogLine[] = [];
  for (const piece of demux.push(data)) lines.push(...decoder.write(piece));
  lines.push(...decoder.end());
  return lines;
}
