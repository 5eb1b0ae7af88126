import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareTimestamps, engineTimeParam, parseLogTimestamp, splitTimestampPrefix } from '../../../src/logs/logTimestamp';
import { parseLogLine, renderLogLine } from '../../../src/logs/logLines';

describe('log timestamps', () => {
  it('splits the prefix and keeps the exact text', () => {
    const split = splitTimestampPrefix('2026-11-28T12:42:34.210160648Z hello world');
    assert.equal(split?.timestamp.text, '2026-11-28T12:42:34.210160648Z');
    assert.equal(split?.rest, 'hello world');
    assert.equal(split?.timestamp.nanos, BigInt(Date.UTC(2026, 10, 28, 12, 42, 34)) * 1_000_000n + 210_160_648n);
  });

  it('keeps a message that is empty or starts with a space', () => {
    assert.equal(splitTimestampPrefix('2026-11-28T12:42:34.2Z ')?.rest, '');
    assert.equal(splitTimestampPrefix('2026-11-28T12:42:34.2Z   indented')?.rest, '  indented');
  });

  it('accepts trimmed fractions, no fraction, and offsets', () => {
    const base = parseLogTimestamp('2026-01-01T00:00:00Z')!;
    assert.equal(parseLogTimestamp('2026-01-01T00:00:00.5Z')!.nanos - base.nanos, 500_000_000n);
    assert.equal(parseLogTimestamp('2026-01-01T02:00:00.000000001+02:00')!.nanos - base.nanos, 1n);
    assert.equal(parseLogTimestamp('2025-12-31T23:30:00-00:30')!.nanos, base.nanos);
  });

  it('orders by instant, not by text', () => {
    // As text, "05Z" sorts after "05.1Z"; as times it comes first.
    const whole = parseLogTimestamp('2026-01-01T00:00:05Z')!;
    const later = parseLogTimestamp('2026-01-01T00:00:05.1Z')!;
    assert.equal(compareTimestamps(whole, later), -1);
    assert.equal(compareTimestamps(later, whole), 1);
    assert.equal(compareTimestamps(later, parseLogTimestamp('2026-01-01T00:00:05.100000000Z')!), 0);
  });

  it('refuses lines without a timestamp', () => {
    for (const line of ['hello world', '2026-01-01 00:00:00 x', '2026-13-01T00:00:00Z x', '2026-01-01T00:00:00.1234567891Z x', '']) {
      assert.equal(splitTimestampPrefix(line), undefined, line);
    }
  });

  it('agrees with Date on the instant, across years, months and leap days', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(1970 + next(130), 0, 1) + next(366 * 86_400_000);
      const fraction = String(next(1_000_000_000)).padStart(9, '0');
      const text = `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z`;
      const expected = BigInt(Math.floor(ms / 1000)) * 1_000_000_000n + BigInt(fraction);
      assert.equal(parseLogTimestamp(text)?.nanos, expected, text);
    }
  });

  it('refuses dates and times that do not exist', () => {
    assert.ok(parseLogTimestamp('2024-02-29T00:00:00Z'));
    assert.ok(parseLogTimestamp('2000-02-29T00:00:00Z'));
    for (const text of ['2025-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-11-28T24:00:00Z', '2026-11-28T23:60:00Z', '2026-11-28T23:59:60Z', '2026-11-28T23:59:59.Z', '2026-11-28T23:59:59Zx', '2026-11-28T23:59:59+0100', '2026-11-28t23:59:59Z']) {
      assert.equal(parseLogTimestamp(text), undefined, text);
    }
  });

  it('formats the engine since parameter at full precision', () => {
    assert.equal(engineTimeParam(parseLogTimestamp('2026-11-28T12:42:42.477521067Z')!), '1795869762.477521067');
    assert.equal(engineTimeParam(parseLogTimestamp('2026-11-28T12:42:42Z')!), '1795869762.000000000');
    assert.equal(engineTimeParam(parseLogTimestamp('1970-01-01T00:00:00.000000005Z')!), '0.000000005');
  });

  it('renders a line with or without its timestamp', () => {
    const line = parseLogLine('2026-11-28T12:42:34.210160648Z \u001b[32mready\u001b[0m\r', 'stdout', true);
    assert.equal(renderLogLine(line, { timestamps: false }), 'ready');
    assert.equal(renderLogLine(line, { timestamps: true }), '2026-11-28T12:42:34.210160648Z ready');
  });

  it('keeps a line whose prefix is not a timestamp as text', () => {
    const line = parseLogLine('not a timestamp', 'stderr', true);
    assert.equal(line.timestamp, undefined);
    assert.equal(renderLogLine(line, { timestamps: true }), 'not a timestamp');
  });
});

describe('the engine zero time', () => {
  it('parses year 1 as year 1, before the epoch', () => {
    const zero = parseLogTimestamp('0001-01-01T00:00:00Z');
    assert.ok(zero && zero.nanos < 0n);
    assert.equal(zero.nanos, -62_135_596_800n * 1_000_000_000n);
  });
});
