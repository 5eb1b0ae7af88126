import type { EngineClient } from '../engine/engineClient';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { LogChunkReader, type LogChunk } from './logChunkReader';
import { decodeLogBuffer } from './logDecoder';
import { type LogLine, renderLogLine } from './logLines';

export interface LogRequest {
  /** Show the engine's timestamp before each line. */
  timestamps: boolean;
  /** Lines from the end; undefined for the whole log. */
  tail?: number;
  signal?: AbortSignal;
}

/**
 * A container's logs up to now as a stream. A non-following request read whole would hold a long
 * log in memory (hundreds of megabytes), so it is read as a stream.
 */
export function openLogStream(client: EngineClient, id: string, request: LogRequest): Promise<Readable> {
  return client.openLogs(id, { follow: false, stdout: true, stderr: true, timestamps: request.timestamps, tail: request.tail }, request.signal);
}

function render(lines: readonly LogLine[], timestamps: boolean): string {
  let text = '';
  // The pieces of an over-long line (see LineSplitter) go back together, its timestamp at the start only.
  for (const line of lines) text += (line.continued ? line.text : renderLogLine(line, { timestamps })) + (line.cut ? '' : '\n');
  return text;
}

export interface ExportOptions extends LogRequest {
  /** The container runs with a TTY, so its log is one raw stream rather than multiplexed frames. */
  tty: boolean;
  /** Called now and then with the number of lines written so far. */
  onProgress?: (lines: number) => void;
}

/**
 * Writes a container's whole log (stdout and stderr, escape sequences stripped) to `out` as it
 * arrives, pausing the engine stream whenever `out` is full, so memory stays flat however long the
 * log is. Resolves with the number of lines once `out` has finished.
 */
export async function exportLogs(client: EngineClient, id: string, out: Writable, options: ExportOptions): Promise<number> {
  const stream = await openLogStream(client, id, options);
  const reader = new LogChunkReader({ mode: options.tty ? 'raw' : 'multiplexed', timestamps: options.timestamps, showTimestamps: options.timestamps, keepLines: false, wholeLines: true });
  let count = 0;
  const write = (chunk: LogChunk | undefined): void => {
    if (!chunk) return;
    count += chunk.count;
    if (!out.write(chunk.text)) {
      stream.pause();
      out.once('drain', () => stream.resume());
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown): void => reject(error instanceof Error ? error : new Error(String(error)));
      let lastReport = 0;
      stream.on('data', (chunk: Buffer) => {
        try {
          write(reader.read(chunk));
        } catch (error) {
          stream.destroy();
          fail(error);
          return;
        }
        if (count - lastReport >= 10_000) {
          lastReport = count;
          options.onProgress?.(count);
        }
      });
      stream.on('end', () => {
        write(reader.end());
        resolve();
      });
      stream.on('error', fail);
      out.on('error', fail);
      options.signal?.addEventListener('abort', () => fail(new Error('cancelled')), { once: true });
    });
  } finally {
    stream.destroy();
  }
  out.end();
  if (!out.writableFinished) await once(out, 'finish');
  return count;
}

/** The last `tail` lines, rendered, each ending in "\n". Small by construction, so fetched whole. */
export async function fetchLastLines(client: EngineClient, id: string, tty: boolean, request: LogRequest & { tail: number }): Promise<{ text: string; count: number }> {
  const data = await client.containerLogs(id, { stdout: true, stderr: true, timestamps: true, tail: request.tail }, request.signal);
  const lines = decodeLogBuffer(data, tty ? 'raw' : 'multiplexed', true);
  return { text: render(lines, request.timestamps), count: lines.filter((line) => !line.continued).length };
}
