import { StringDecoder } from 'node:string_decoder';

/**
 * Splits what the engine streams (newline-delimited JSON of events, pulls and builds; exec output)
 * into whole lines as they complete. Bytes are decoded as UTF-8 across chunk boundaries, so a
 * character split between two chunks arrives whole. The one line splitter of Berth's engine streams.
 */
export class LineSplitter {
  private pending = '';
  private readonly decoder = new StringDecoder('utf8');

  /** The lines this chunk completes, without their "\n". */
  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const newline = this.pending.lastIndexOf('\n');
    if (newline < 0) return [];
    const lines = this.pending.slice(0, newline).split('\n');
    this.pending = this.pending.slice(newline + 1);
    return lines;
  }

  /** What is left after the stream ended: a last line without "\n", if any. */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}

/** Parses one line of newline-delimited JSON; undefined for a blank or malformed line. */
export function parseJsonLine<T>(line: string): T | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
