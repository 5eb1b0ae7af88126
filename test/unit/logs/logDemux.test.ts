import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogDemuxer, LogFrameError, type LogPiece, type LogStream } from '../../../src/logs/logDemux';
import { cutAt, frame, logFixture } from './logFrames';

function collect(demux: LogDemuxer, chunks: Buffer[]): LogPiece[] {
  return chunks.flatMap((chunk) => demux.push(chunk));
}

/** Concatenated bytes per stream, in order. */
function perStream(pieces: LogPiece[]): Partial<Record<LogStream, string>> {
  const out: Partial<Record<LogStream, string>> = {};
  for (const p of pieces) out[p.stream] = (out[p.stream] ?? '') + p.data.toString('latin1');
  return out;
}

describe('LogDemuxer', () => {
  const stream = Buffer.concat([frame('stdout', 'hello\n'), frame('stderr', 'oops\n'), frame('stdout', 'world\n')]);

  it('splits a chunk holding many frames, keeping stdout and stderr apart and in order', () => {
    const pieces = new LogDemuxer('multiplexed').push(stream);
    assert.deepEqual(
      pieces.map((p) => [p.stream, p.data.toString(), p.frameStart]),
      [
        ['stdout', 'hello\n', true],
        ['stderr', 'oops\n', true],
        ['stdout', 'world\n', true],
      ],
    );
  });

  it('handles a header cut at every byte offset', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const pieces = collect(new LogDemuxer('multiplexed'), cutAt(stream, cut));
      assert.deepEqual(perStream(pieces), { stdout: 'hello\nworld\n', stderr: 'oops\n' }, `cut at ${cut}`);
    }
  });

  it('handles the stream delivered one byte at a time', () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    const pieces = collect(new LogDemuxer('multiplexed'), bytes);
    assert.deepEqual(perStream(pieces), { stdout: 'hello\nworld\n', stderr: 'oops\n' });
    // Only the first piece of each frame marks a message boundary.
    assert.equal(pieces.filter((p) => p.frameStart).length, 3);
  });

  it('handles payloads split over several chunks', () => {
    const big = Buffer.alloc(100_000, 'a');
    const data = Buffer.concat([frame('stderr', big), frame('stdout', 'tail\n')]);
    const pieces = collect(new LogDemuxer('multiplexed'), cutAt(data, 9, 4000, 65_536, 99_999, 100_008, 100_010));
    const streams = perStream(pieces);
    assert.equal(streams.stderr, big.toString('latin1'));
    assert.equal(streams.stdout, 'tail\n');
  });

  it('skips zero-length frames without marking a boundary', () => {
    const data = Buffer.concat([frame('stdout', ''), frame('stdout', 'a'), frame('stderr', ''), frame('stdout', ''), frame('stdout', 'b')]);
    for (let cut = 0; cut <= data.length; cut++) {
      const pieces = collect(new LogDemuxer('multiplexed'), cutAt(data, cut));
      assert.deepEqual(perStream(pieces), { stdout: 'ab' }, `cut at ${cut}`);
      assert.ok(pieces.every((p) => p.data.length > 0));
    }
  });

  it('maps the system error stream type', () => {
    const pieces = new LogDemuxer('multiplexed').push(frame('system', 'log read failed'));
    assert.deepEqual(perStream(pieces), { system: 'log read failed' });
  });

  it('rejects bytes that are not a frame header', () => {
    assert.throws(() => new LogDemuxer('multiplexed').push(Buffer.from('2026-01-01T00:00:00Z hello\n')), LogFrameError);
  });

  it('reports whether the stream stopped between frames', () => {
    const demux = new LogDemuxer('multiplexed');
    demux.push(stream.subarray(0, 10));
    assert.equal(demux.atFrameBoundary, false);
    demux.push(stream.subarray(10));
    assert.equal(demux.atFrameBoundary, true);
  });

  it('passes a TTY stream through untouched in raw mode', () => {
    const raw = Buffer.from('\u001b[31mred\u001b[0m\r\n');
    const pieces = new LogDemuxer('raw').push(raw);
    assert.deepEqual(pieces, [{ stream: 'stdout', data: raw, frameStart: false }]);
  });

  it('reads a stream recorded from the engine', () => {
    const recorded = logFixture('multiplexed.bin');
    const streams = perStream(new LogDemuxer('multiplexed').push(recorded));
    assert.ok(streams.stdout?.startsWith('out-1 plain\n'));
    assert.ok(streams.stdout?.endsWith('out-5 no newline'));
    assert.equal(Buffer.from(streams.stderr ?? '', 'latin1').toString('utf8'), 'err-1 plain\nerr-2 \u{1F600} emoji\n');
  });
});
