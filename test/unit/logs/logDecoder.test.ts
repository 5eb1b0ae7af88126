import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogDecoder } from '../../../src/logs/logDecoder';
import { cutAt, decodeChunks, frame, logFixture, textsOf } from './logFrames';

const LONG = 'x'.repeat(20_000);
const RECORDED_STDOUT = ['out-1 plain', 'out-2 red café €', 'out-3 cursor', LONG, 'out-5 no newline'];
const RECORDED_STDERR = ['err-1 plain', 'err-2 \u{1F600} emoji'];

describe('LogDecoder', () => {
  for (const [name, text] of [
    ['é (2 bytes)', 'café'],
    ['€ (3 bytes)', 'price: 5€'],
    ['an emoji (4 bytes)', 'ok \u{1F680}!'],
  ]) {
    it(`decodes ${name} cut at every byte offset of one frame`, () => {
      const payload = Buffer.from(`${text}\n`, 'utf8');
      const data = frame('stdout', payload);
      for (let cut = 9; cut < data.length; cut++) {
        const lines = decodeChunks(cutAt(data, cut), 'multiplexed', false);
        assert.deepEqual(textsOf(lines, 'stdout'), [text], `cut at ${cut}`);
      }
    });
  }

  it('keeps a character split across two frames of the same stream while the other stream interleaves', () => {
    const euro = Buffer.from('€', 'utf8');
    const data = Buffer.concat([
      frame('stdout', Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)])),
      frame('stderr', Buffer.from([0xf0, 0x9f])),
      frame('stdout', Buffer.concat([euro.subarray(1), Buffer.from('b\n')])),
      frame('stderr', Buffer.concat([Buffer.from([0x98, 0x80]), Buffer.from('\n')])),
    ]);
    for (let cut = 1; cut < data.length; cut++) {
      const lines = decodeChunks(cutAt(data, cut), 'multiplexed', false);
      assert.deepEqual(textsOf(lines, 'stdout'), ['a€b'], `cut at ${cut}`);
      assert.deepEqual(textsOf(lines, 'stderr'), ['\u{1F600}'], `cut at ${cut}`);
    }
  });

  it('holds a partial last line until more arrives, and shows it at the end', () => {
    const decoder = new LogDecoder({ timestamps: false });
    assert.deepEqual(decoder.write({ stream: 'stdout', data: Buffer.from('one\ntw'), frameStart: true }).map((l) => l.text), ['one']);
    assert.deepEqual(decoder.write({ stream: 'stdout', data: Buffer.from('o\nthr'), frameStart: true }).map((l) => l.text), ['two']);
    assert.deepEqual(decoder.end().map((l) => l.text), ['thr']);
  });

  it('forgets half-received lines on discardPartial', () => {
    const decoder = new LogDecoder({ timestamps: false });
    decoder.write({ stream: 'stdout', data: Buffer.from('half'), frameStart: true });
    decoder.discardPartial();
    assert.deepEqual(decoder.end(), []);
  });

  it('parses timestamps and joins a line the engine split into several messages', () => {
    const ts = '2026-01-02T03:04:05.123456789Z';
    const data = Buffer.concat([
      frame('stdout', `${ts} first half `),
      frame('stderr', `2026-01-02T03:04:05.2Z on stderr\n`),
      frame('stdout', `${ts} second half\n`),
    ]);
    for (let cut = 1; cut < data.length; cut++) {
      const lines = decodeChunks(cutAt(data, cut), 'multiplexed', true);
      assert.deepEqual(textsOf(lines, 'stdout'), ['first half second half'], `cut at ${cut}`);
      assert.equal(lines.find((l) => l.stream === 'stdout')?.timestamp?.text, ts);
      assert.deepEqual(textsOf(lines, 'stderr'), ['on stderr']);
    }
  });

  it('keeps the text of a continuation message that has no timestamp after all', () => {
    const data = Buffer.concat([frame('stdout', '2026-01-02T03:04:05Z abc'), frame('stdout', 'def ghi\n')]);
    const lines = decodeChunks([data], 'multiplexed', true);
    assert.deepEqual(textsOf(lines, 'stdout'), ['abcdef ghi']);
  });

  it('cuts an over-long line into pieces that all carry its timestamp', () => {
    const decoder = new LogDecoder({ timestamps: true, maxLineLength: 64 });
    const ts = '2026-01-02T03:04:05.000000001Z';
    const lines = decoder.write({ stream: 'stdout', data: Buffer.from(`${ts} ${'y'.repeat(100)}\n`), frameStart: true });
    assert.deepEqual(lines.map((l) => l.text.length), [33, 64, 3]);
    assert.equal(lines.map((l) => l.text).join(''), 'y'.repeat(100));
    assert.ok(lines.every((l) => l.timestamp?.text === ts));
  });

  describe('on streams recorded from the engine', () => {
    it('decodes a multiplexed stream with timestamps, at any chunking', () => {
      const recorded = logFixture('multiplexed-timestamps.bin');
      for (const cuts of [[], [3], [50, 51, 52, 53], [100, 8000, 16_400, 16_430, 20_000]]) {
        const lines = decodeChunks(cutAt(recorded, ...cuts), 'multiplexed', true);
        assert.deepEqual(textsOf(lines, 'stdout'), RECORDED_STDOUT);
        assert.deepEqual(textsOf(lines, 'stderr'), RECORDED_STDERR);
        assert.ok(lines.every((l) => l.timestamp?.text.startsWith('2026-')));
      }
    });

    it('decodes a multiplexed stream without timestamps', () => {
      const lines = decodeChunks([logFixture('multiplexed.bin')], 'multiplexed', false);
      assert.deepEqual(textsOf(lines, 'stdout'), RECORDED_STDOUT);
      assert.deepEqual(textsOf(lines, 'stderr'), RECORDED_STDERR);
      assert.ok(lines.every((l) => l.timestamp === undefined));
    });

    it('decodes a TTY stream (CRLF, one stream) with timestamps', () => {
      const recorded = logFixture('tty-timestamps.bin');
      const lines = decodeChunks(cutAt(recorded, 1, 45, 140, 10_000), 'raw', true);
      assert.deepEqual(textsOf(lines, 'stdout'), [
        'out-1 plain',
        'err-1 plain',
        'out-2 red café €',
        'err-2 \u{1F600} emoji',
        'out-3 cursor',
        LONG,
        'out-5 no newline',
      ]);
    });
  });
});
