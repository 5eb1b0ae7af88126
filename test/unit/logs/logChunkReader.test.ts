import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogChunkReader } from '../../../src/logs/logChunkReader';
import { renderLogLine } from '../../../src/logs/logLines';
import { ResumePoint } from '../../../src/logs/logResume';
import { cutAt, decodeChunks, frame, logFixture } from './logFrames';

// The reader's byte path must render exactly what the general path (demux, decode, clean) renders,
// whatever the lines hold and wherever the chunks are cut.

const SAMPLES = [
  'plain line',
  'café € 😀 accents and an emoji',
  '\u001b[31mred\u001b[0m text',
  'carriage\rreturn redraw',
  'tab\tseparated',
  'bell\u0007 and del\u007f',
  'c1 \u009b31m csi',
  '',
  '   leading spaces',
  'x'.repeat(5000),
];

function randomLog(seed: number, count: number): { data: Buffer; cuts: number[] } {
  let state = seed;
  const next = (n: number): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) % n;
  const frames: Buffer[] = [];
  let nanos = 1_795_869_762_000_000_000n;
  for (let i = 0; i < count; i++) {
    nanos += BigInt(next(3)) * 1_000_000n + BigInt(next(1000));
    const seconds = nanos / 1_000_000_000n;
    const fraction = String(nanos % 1_000_000_000n).padStart(9, '0').replace(/0+$/, '');
    const stamp = `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
    const text = next(3) === 0 ? SAMPLES[next(SAMPLES.length)] : `line ${i}`;
    // Now and then a message split in two frames, as a process writing part of a line does.
    if (next(10) === 0) {
      frames.push(frame(next(2) ? 'stdout' : 'stderr', `${stamp} ${text.slice(0, 3)}`));
      frames.push(frame('stdout', `${stamp} ${text.slice(3)}\n`));
    } else {
      frames.push(frame(next(4) === 0 ? 'stderr' : 'stdout', `${stamp} ${text}\n`));
    }
  }
  const data = Buffer.concat(frames);
  const cuts = Array.from({ length: 1 + next(40) }, () => next(data.length)).sort((a, b) => a - b);
  return { data, cuts };
}

function viaReader(chunks: Buffer[], showTimestamps: boolean, keepLines: boolean): { text: string; count: number } {
  const reader = new LogChunkReader({ mode: 'multiplexed', timestamps: true, showTimestamps, keepLines });
  let text = '';
  let count = 0;
  for (const out of [...chunks.map((c) => reader.read(c)), reader.end()]) {
    if (!out) continue;
    text += out.text;
    count += out.count;
    if (keepLines) assert.equal(out.lines.length, out.count);
    else assert.deepEqual(out.lines, []);
  }
  return { text, count };
}

describe('LogChunkReader', () => {
  it('renders what the general path renders, for any content and any chunking', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { data, cuts } = randomLog(seed, 300);
      const chunks = cutAt(data, ...cuts);
      for (const showTimestamps of [false, true]) {
        const expected = decodeChunks(chunks, 'multiplexed', true).map((l) => renderLogLine(l, { timestamps: showTimestamps }) + '\n');
        for (const keepLines of [false, true]) {
          const got = viaReader(chunks, showTimestamps, keepLines);
          assert.equal(got.count, expected.length, `seed ${seed}`);
          assert.equal(got.text, expected.join(''), `seed ${seed}, timestamps ${showTimestamps}, keepLines ${keepLines}`);
        }
      }
    }
  });

  it('renders a recorded engine stream as the general path does', () => {
    const data = logFixture('multiplexed-timestamps.bin');
    const expected = decodeChunks([data], 'multiplexed', true).map((l) => renderLogLine(l, { timestamps: false }) + '\n').join('');
    assert.ok(expected.length > 0);
    for (const size of [1, 7, 64, 4096]) {
      const chunks = Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));
      assert.equal(viaReader(chunks, false, false).text, expected, `chunks of ${size}`);
    }
  });

  it('skips the lines a resumed request repeats, on the byte path too', () => {
    const stamp = (n: number): string => `2026-11-28T12:00:0${n}.5Z`;
    const log = Buffer.concat([1, 2, 2, 3].map((n, i) => frame('stdout', `${stamp(n)} line ${i}\n`)));
    const point = new ResumePoint();
    // Lines 0 and 1 were shown before the connection dropped; the new request starts at stamp(2).
    const first = new LogChunkReader({ mode: 'multiplexed', timestamps: true, showTimestamps: false, keepLines: false, session: point.session() });
    assert.equal(first.read(log.subarray(0, log.indexOf('line 1') + 7))?.text, 'line 0\nline 1\n');
    const resumed = new LogChunkReader({ mode: 'multiplexed', timestamps: true, showTimestamps: false, keepLines: false, session: point.session() });
    const again = Buffer.concat([frame('stdout', `${stamp(2)} line 1\n`), frame('stdout', `${stamp(2)} line 2\n`), frame('stdout', `${stamp(3)} line 3\n`)]);
    assert.deepEqual(resumed.read(again), { text: 'line 2\nline 3\n', count: 2, lines: [] });
  });
});

describe('LogChunkReader with a line longer than the longest kept whole', () => {
  const stamp = '2026-11-30T02:49:11.300884273Z';
  const total = 600_000;
  const long = Array.from({ length: total }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
  // As the engine sends it: 16 KiB messages sharing the first one's timestamp, each prefixed with it.
  const frames: Buffer[] = [];
  for (let at = 0; at < total; at += 16_384) {
    const piece = long.slice(at, at + 16_384);
    frames.push(frame('stdout', `${stamp} ${piece}${at + 16_384 >= total ? '\n' : ''}`));
  }
  frames.push(frame('stdout', `${stamp.replace('49:11', '49:12')} next\n`));
  const data = Buffer.concat(frames);

  function readAll(options: { wholeLines: boolean; showTimestamps: boolean; tailed?: boolean }, input: Buffer = data): { text: string; count: number } {
    const reader = new LogChunkReader({ mode: 'multiplexed', timestamps: true, keepLines: false, ...options });
    let text = '';
    let count = 0;
    // Chunks that cut frames anywhere, as a socket does.
    for (const chunk of cutAt(input, 5, 40_000, 100_000, 300_001, 500_000).filter((c) => c.length > 0)) {
      const out = reader.read(chunk);
      text += out?.text ?? '';
      count += out?.count ?? 0;
    }
    const last = reader.end();
    return { text: text + (last?.text ?? ''), count: count + (last?.count ?? 0) };
  }

  it('shows a channel its start, then one marker saying the rest was left out and where to get it', () => {
    const { text, count } = readAll({ wholeLines: false, showTimestamps: false });
    const lines = text.split('\n');
    // The first piece is 256 KiB of the raw message, whose timestamp prefix counts too.
    const firstPiece = 256 * 1024 - (stamp.length + 1);
    assert.equal(lines[0].length, firstPiece);
    assert.ok(lines[0] === long.slice(0, firstPiece), 'the start of the line, as sent');
    assert.match(lines[1], /^──── \d\d:\d\d:\d\d the line above goes on past 262,144 characters; the rest of it is not shown here \(Save Logs As\.\.\. writes it whole\) ────$/);
    assert.deepEqual(lines.slice(2), ['next', '']);
    assert.equal(count, 3);
  });

  it('writes a file the whole line, its timestamp once at the start', () => {
    const { text, count } = readAll({ wholeLines: true, showTimestamps: true });
    const expected = `${stamp} ${long}\n${stamp.replace('49:11', '49:12')} next\n`;
    assert.equal(text.length, expected.length);
    assert.ok(text === expected, 'the whole line, then the next');
    assert.equal(count, 2);
  });

  it('does not glue a line of the other stream onto an open over-long line', () => {
    const reader = new LogChunkReader({ mode: 'multiplexed', timestamps: true, showTimestamps: false, keepLines: false, wholeLines: true });
    const piece = 'z'.repeat(300_000);
    const out = [
      reader.read(frame('stdout', `${stamp} ${piece}`)),
      reader.read(frame('stderr', `${stamp} err\n`)),
      reader.end(),
    ].map((c) => c?.text ?? '').join('');
    const first = 256 * 1024 - (stamp.length + 1);
    assert.deepEqual(out.split('\n').map((l) => l.length), [first, 3, 300_000 - first, 0]);
  });

  it('says when the history asked for may begin inside a long line (its first message is a piece of one)', () => {
    const { text, count } = readAll({ wholeLines: false, showTimestamps: false, tailed: true });
    const lines = text.split('\n');
    assert.match(lines[0], /^──── \d\d:\d\d:\d\d the line below may have begun before the history loaded: .*Save Logs As\.\.\. writes it whole\) ────$/);
    assert.equal(lines[1].length, 256 * 1024 - (stamp.length + 1));
    assert.match(lines[2], /goes on past 262,144 characters/);
    assert.deepEqual(lines.slice(3), ['next', '']);
    assert.equal(count, 4);
  });

  it('adds nothing when the history begins with a whole line', () => {
    const withWholeFirst = Buffer.concat([frame('stdout', `${stamp} first\n`), data]);
    const { text } = readAll({ wholeLines: false, showTimestamps: false, tailed: true }, withWholeFirst);
    assert.ok(text.startsWith('first\n'));
    assert.equal(text.includes('may have begun'), false);
  });
});
