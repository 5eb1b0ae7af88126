import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type LogLine, parseLogLine } from '../../../src/logs/logLines';
import { ResumePoint } from '../../../src/logs/logResume';

const T1 = '2026-05-01T08:00:00.000000001Z';
const T2 = '2026-05-01T08:00:00.000000002Z';
const T3 = '2026-05-01T08:00:00.1Z';

function line(ts: string, text: string): LogLine {
  return parseLogLine(`${ts} ${text}`, 'stdout', true);
}

function admitted(point: ResumePoint, lines: LogLine[]): string[] {
  const session = point.session();
  return lines.filter((l) => session.admit(l)).map((l) => l.text);
}

describe('ResumePoint', () => {
  it('admits everything while nothing has been shown', () => {
    const point = new ResumePoint();
    assert.equal(point.since, undefined);
    assert.deepEqual(admitted(point, [line(T1, 'a'), line(T1, 'b')]), ['a', 'b']);
  });

  it('resumes from the last timestamp, skipping only the lines already shown at it', () => {
    const point = new ResumePoint();
    // First request: b and c share T2.
    assert.deepEqual(admitted(point, [line(T1, 'a'), line(T2, 'b'), line(T2, 'c')]), ['a', 'b', 'c']);
    assert.equal(point.since, '1777622400.000000002');
    // The resumed request starts at T2 inclusive: b and c again, then d (also T2) and e are new.
    assert.deepEqual(admitted(point, [line(T2, 'b'), line(T2, 'c'), line(T2, 'd'), line(T3, 'e')]), ['d', 'e']);
    assert.equal(point.since, '1777622400.100000000');
    // Resuming again at T3 skips e only.
    assert.deepEqual(admitted(point, [line(T3, 'e'), line(T3, 'f')]), ['f']);
  });

  it('counts lines at a shared timestamp across several resumes', () => {
    const point = new ResumePoint();
    assert.deepEqual(admitted(point, [line(T2, 'x1')]), ['x1']);
    assert.deepEqual(admitted(point, [line(T2, 'x1'), line(T2, 'x2')]), ['x2']);
    assert.deepEqual(admitted(point, [line(T2, 'x1'), line(T2, 'x2'), line(T2, 'x3')]), ['x3']);
  });

  it('drops a replayed line older than the resume point', () => {
    const point = new ResumePoint();
    admitted(point, [line(T2, 'b')]);
    assert.deepEqual(admitted(point, [line(T1, 'a'), line(T2, 'b'), line(T3, 'c')]), ['c']);
  });

  it('admits a line with an older timestamp once past the resume point', () => {
    const point = new ResumePoint();
    admitted(point, [line(T2, 'b')]);
    // Out-of-order timestamps inside one request are the container's, not a replay.
    assert.deepEqual(admitted(point, [line(T2, 'b'), line(T3, 'c'), line(T1, 'clock stepped back')]), ['c', 'clock stepped back']);
    // ...and it does not move the resume point back, which would replay c.
    assert.deepEqual(admitted(point, [line(T3, 'c'), line(T3, 'd')]), ['d']);
  });

  it('always admits lines without a timestamp', () => {
    const point = new ResumePoint();
    const bare = parseLogLine('no timestamp', 'stderr', true);
    assert.deepEqual(admitted(point, [bare]), ['no timestamp']);
    assert.equal(point.since, undefined);
  });
});
