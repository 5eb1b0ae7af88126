import { readFileSync } from 'node:fs';
import { LogDecoder } from '../../../src/logs/logDecoder';
import { LogDemuxer, type LogStream, type LogStreamMode } from '../../../src/logs/logDemux';
import type { LogLine } from '../../../src/logs/logLines';
import { fixturePath } from '../../support/paths';

const TYPES: Record<LogStream, number> = { stdin: 0, stdout: 1, stderr: 2, system: 3 };

/** One frame of the engine's multiplexed stream, built by hand. */
export function frame(stream: LogStream, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = TYPES[stream];
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Cuts a buffer at the given offsets. */
export function cutAt(data: Buffer, ...offsets: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const offset of offsets) {
    chunks.push(data.subarray(from, offset));
    from = offset;
  }
  chunks.push(data.subarray(from));
  return chunks;
}

/** Feeds chunks through demux and decode, as the follower does, and returns every line. */
export function decodeChunks(chunks: Buffer[], mode: LogStreamMode, timestamps: boolean): LogLine[] {
  const demux = new LogDemuxer(mode);
  const decoder = new LogDecoder({ timestamps });
  const lines: LogLine[] = [];
  for (const chunk of chunks) for (const piece of demux.push(chunk)) lines.push(...decoder.write(piece));
  lines.push(...decoder.end());
  return lines;
}

export function textsOf(lines: LogLine[], stream: LogStream): string[] {
  return lines.filter((l) => l.stream === stream).map((l) => l.text);
}

export function logFixture(name: string): Buffer {
  return readFileSync(fixturePath('logs', name));
}
