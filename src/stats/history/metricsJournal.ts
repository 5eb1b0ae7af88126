import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerSample } from '../statsMath';
import { SAMPLE_FIELDS } from './metricsTypes';

// The journal beside the history file (`metrics.sqlite.journal`): one JSON object per line, appended
// by the recording window every interval. It exists so that the recorder never rewrites the whole
// database to keep a sample safe: appending a few kilobytes is cheap, while exporting 1,000,000
// samples costs ~450 ms and 48 MB of writes. The database file is rewritten rarely (compaction)
// and the journal then starts over. Readers (the other windows) follow the journal's tail.
//
// Replaying is idempotent: a sample line re-inserts the same (engine, container, time) row, so a
// crash between writing the compacted file and emptying the journal loses nothing and doubles
// nothing. A clear is a line too, so replay never brings back samples recorded before it.
// A line cut short by a crash (kill -9 mid-write) is skipped.

export type JournalRecord = { kind: 'samples'; engineId: string; samples: ContainerSample[] } | { kind: 'clear'; at: number };


interface SampleLine {
  e: string;
  c: string;
  n: string;
  t: number;
  m: Array<number | null>;
}

/** The journal lines (each ending in \n) for samples of one engine. */
export function encodeSamples(engineId: string, samples: readonly ContainerSample[]): string {
  let out = '';
  for (const s of samples) {
    const line: SampleLine = {
      e: engineId,
      c: s.containerId,
      n: s.containerName,
      t: s.timestamp,
      m: SAMPLE_FIELDS.map((field) => {
        const value = s[field];
        return value !== undefined && Number.isFinite(value) ? value : null;
      }),
    };
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

export function encodeClear(at: number): string {
  return `${JSON.stringify({ clear: at })}\n`;
}

function decodeSample(line: SampleLine): ContainerSample | undefined {
  if (typeof line.c !== 'string' || typeof line.n !== 'string' || typeof line.t !== 'number' || !Array.isArray(line.m)) return undefined;
  const sample: ContainerSample = { containerId: line.c, containerName: line.n, timestamp: line.t };
  SAMPLE_FIELDS.forEach((field, i) => {
    const value = line.m[i];
    if (typeof value === 'number') sample[field] = value;
  });
  return sample;
}

/**
 * Parses complete lines; consecutive samples of one engine come back as one record, so replay
 * inserts them in one transaction. `consumed` counts the bytes up to the last line break: a
 * partial last line is left for the next read.
 */
export function parseJournal(bytes: Uint8Array): { records: JournalRecord[]; consumed: number } {
  const end = bytes.lastIndexOf(0x0a) + 1;
  const records: JournalRecord[] = [];
  if (end === 0) return { records, consumed: 0 };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
  let current: { kind: 'samples'; engineId: string; samples: ContainerSample[] } | undefined;
  for (const raw of text.split('\n')) {
    if (raw.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue; // cut short by a crash
    }
    if (typeof value !== 'object' || value === null) continue;
    if ('clear' in value && typeof value.clear === 'number') {
      current = undefined;
      records.push({ kind: 'clear', at: value.clear });
      continue;
    }
    const line = value as SampleLine;
    const sample = decodeSample(line);
    if (!sample || typeof line.e !== 'string') continue;
    if (!current || current.engineId !== line.e) {
      current = { kind: 'samples', engineId: line.e, samples: [] };
      records.push(current);
    }
    current.samples.push(sample);
  }
  return { records, consumed: end };
}

/** Which file a reader has been following, and how far. */
export interface JournalPosition {
  ino: number;
  offset: number;
}

/**
 * Reads what was appended since `position`. A different inode (the journal was started over after
 * a compaction) or a shorter file means reading from the start again: `restarted` tells the caller.
 */
export function readJournalTail(filePath: string, position: JournalPosition | undefined): { records: JournalRecord[]; position: JournalPosition; restarted: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { records: [], position: { ino: -1, offset: 0 }, restarted: position !== undefined && position.ino !== -1 };
  }
  try {
    const stat = fs.fstatSync(fd);
    const restarted = position !== undefined && (position.ino !== stat.ino || stat.size < position.offset);
    const from = position === undefined || restarted ? 0 : position.offset;
    if (stat.size <= from) return { records: [], position: { ino: stat.ino, offset: from }, restarted };
    const bytes = Buffer.alloc(stat.size - from);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    const { records, consumed } = parseJournal(bytes.subarray(0, read));
    return { records, position: { ino: stat.ino, offset: from + consumed }, restarted };
  } finally {
    fs.closeSync(fd);
  }
}

/** The recording window's end of the journal: appends, each flushed to disk before it returns. */
export class JournalWriter {
  private fd: number;

  constructor(readonly filePath: string) {
    this.fd = JournalWriter.openForAppend(filePath);
  }

  append(text: string): void {
    if (text.length === 0) return;
    fs.writeSync(this.fd, text);
    // kill -9 loses nothing the kernel has; the sync is for a machine that loses power or sleeps badly.
    fs.fdatasyncSync(this.fd);
  }

  /** Starts an empty journal under a new inode, so readers notice (call after the compacted file is in place). */
  restart(): void {
    const temp = `${this.filePath}.new-${process.pid}`;
    fs.writeFileSync(temp, '');
    fs.renameSync(temp, this.filePath);
    fs.closeSync(this.fd);
    this.fd = JournalWriter.openForAppend(this.filePath);
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private static openForAppend(filePath: string): number {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    const fd = fs.openSync(filePath, 'a+');
    // A line a crash cut short gets its own line end, so the next append starts a fresh line.
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) fs.writeSync(fd, '\n');
    }
    return fd;
  }

  get size(): number {
    return fs.fstatSync(this.fd).size;
  }
}
