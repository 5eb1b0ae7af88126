import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { LiveLogMerger } from '../../../src/logs/logLiveMerge';
import { type LogLine, parseLogLine } from '../../../src/logs/logLines';
import { mergeServiceLogs, ServiceLineFormatter, type ServiceLogLine } from '../../../src/logs/logMerge';

function at(seconds: string, text: string): LogLine {
  return parseLogLine(`2026-03-01T10:00:${seconds}Z ${text}`, 'stdout', true);
}

function show(entries: ServiceLogLine[], timestamps = false): string[] {
  const formatter = new ServiceLineFormatter(entries.map((e) => e.service));
  return entries.map((e) => formatter.render(e, { timestamps }));
}

describe('mergeServiceLogs', () => {
  it('interleaves services by timestamp and pads service names like compose', () => {
    const merged = mergeServiceLogs([
      { service: 'web', lines: [at('01', 'listening'), at('03.5', 'GET /'), at('05', 'GET /health')] },
      { service: 'db', lines: [at('00.9', 'starting'), at('03.25', 'ready')] },
    ]);
    assert.deepEqual(show(merged), [
      'db   | starting',
      'web  | listening',
      'db   | ready',
      'web  | GET /',
      'web  | GET /health',
    ]);
  });

  it('compares instants, not timestamp text', () => {
    const merged = mergeServiceLogs([
      { service: 'a', lines: [at('05.1', 'later')] },
      { service: 'b', lines: [at('05', 'earlier')] },
    ]);
    assert.deepEqual(show(merged), ['b  | earlier', 'a  | later']);
  });

  it('keeps ties and each service in their given order', () => {
    const merged = mergeServiceLogs([
      { service: 'api', lines: [at('02', 'a1'), at('01', 'a2 (clock stepped back)')] },
      { service: 'worker', lines: [at('02', 'w1'), parseLogLine('no timestamp', 'stderr', true)] },
    ]);
    assert.deepEqual(show(merged), ['api     | a1', 'api     | a2 (clock stepped back)', 'worker  | w1', 'worker  | no timestamp']);
  });

  it('can render the timestamps too', () => {
    const merged = mergeServiceLogs([{ service: 'web', lines: [at('01', 'hi')] }]);
    assert.deepEqual(show(merged, true), ['web  | 2026-03-01T10:00:01Z hi']);
  });

  it('widens the padding when a longer service name appears', () => {
    const formatter = new ServiceLineFormatter(['db']);
    assert.equal(formatter.prefix('db'), 'db  | ');
    assert.equal(formatter.prefix('frontend'), 'frontend  | ');
    assert.equal(formatter.prefix('db'), 'db        | ');
  });
});

describe('LiveLogMerger', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 5_000 }));
  afterEach(() => mock.timers.reset());

  function make(windowMs = 300): { merger: LiveLogMerger; out: string[][] } {
    const out: string[][] = [];
    const merger = new LiveLogMerger({ windowMs, onLines: (lines) => out.push(lines.map((l) => `${l.service}:${l.line.text}`)) });
    return { merger, out };
  }

  it('reorders lines that arrive within the window', () => {
    const { merger, out } = make();
    merger.push('web', [at('02', 'w2'), at('04', 'w4')]);
    mock.timers.tick(100);
    merger.push('db', [at('01', 'd1'), at('03', 'd3')]);
    mock.timers.tick(199);
    assert.deepEqual(out, [], 'held for the window');
    mock.timers.tick(1);
    // web's lines are due; db's are released with them where their timestamps are not later.
    assert.deepEqual(out, [['db:d1', 'web:w2', 'db:d3', 'web:w4']]);
  });

  it('releases lines later than everything due only after their own wait', () => {
    const { merger, out } = make();
    merger.push('web', [at('02', 'w2')]);
    mock.timers.tick(200);
    merger.push('db', [at('01', 'd1'), at('09', 'd9')]);
    mock.timers.tick(100);
    assert.deepEqual(out, [['db:d1', 'web:w2']]);
    mock.timers.tick(200);
    assert.deepEqual(out, [['db:d1', 'web:w2'], ['db:d9']]);
  });

  it('still shows a line that arrives too late to be ordered', () => {
    const { merger, out } = make();
    merger.push('web', [at('05', 'w5')]);
    mock.timers.tick(300);
    merger.push('db', [at('01', 'late')]);
    mock.timers.tick(300);
    assert.deepEqual(out, [['web:w5'], ['db:late']]);
  });

  it('flush releases everything held, in order', () => {
    const { merger, out } = make();
    merger.push('b', [at('03', 'b3')]);
    merger.push('a', [at('01', 'a1')]);
    merger.flush();
    assert.deepEqual(out, [['a:a1', 'b:b3']]);
    mock.timers.tick(1000);
    assert.equal(out.length, 1);
  });
});
