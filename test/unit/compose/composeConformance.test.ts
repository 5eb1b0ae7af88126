import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  caseName,
  ConformanceCase,
  conformanceAvailable,
  conformanceDir,
  InterpolationCase,
  judgeInterpolation,
  judgeLoad,
  judgeMerge,
  readConformance,
  readExceptions,
  Verdict,
} from './composeConformanceSupport';

// compose-go's and the compose specification's own test cases, read from the shared folder next to
// the checkout (never copied here). Every case with an upstream expectation must agree, except those
// listed with a reason in conformanceExceptions.json; cases without one (spec fragments, "unknown")
// must load without throwing and are only counted.
describe('compose conformance', () => {
  it('finds the shared conformance cases', () => {
    assert.ok(conformanceAvailable(), `The compose conformance cases are missing: expected ${conformanceDir()}/manifest.json (../shared/compose-conformance next to the checkout, or BERTH_COMPOSE_CONFORMANCE).`);
  });

  it('agrees with upstream on every case not listed as an exception', { skip: !conformanceAvailable() && 'no conformance data (the test above fails)' }, () => {
    const cases = readConformance<ConformanceCase[]>('manifest.json');
    const interpolation = readConformance<InterpolationCase[]>('interpolation.json');
    const exceptions = readExceptions();
    const byId = new Map(cases.filter((c) => c.id).map((c) => [c.id as string, c]));
    const counts = new Map<string, { agree: number; disagree: number; excepted: number }>();
    const failures: string[] = [];
    const stale: string[] = [];
    const judgedNames = new Set<string>();
    let unjudged = 0;
    let unjudgedWithErrors = 0;
    const record = (kind: string, name: string, verdict: Verdict): void => {
      judgedNames.add(name);
      const count = counts.get(kind) ?? { agree: 0, disagree: 0, excepted: 0 };
      counts.set(kind, count);
      if (name in exceptions) {
        count.excepted++;
        if (verdict.agrees) stale.push(name);
      } else if (verdict.agrees) count.agree++;
      else {
        count.disagree++;
        failures.push(`${name}: ${verdict.detail}`);
      }
    };
    for (const c of cases) {
      if (c.kind === 'merge-want') continue;
      if (c.kind === 'merge') {
        const want = byId.get(c.want ?? '');
        assert.ok(want, `merge case ${caseName(c)} names no expected result`);
        record('merge', caseName(c), judgeMerge(c, want));
      } else if (c.expect === 'unknown' || c.kind === 'spec') {
        unjudged++;
        if (judgeLoad({ ...c, expect: 'valid' }).errors.length > 0) unjudgedWithErrors++;
      } else {
        record(`${c.kind} ${c.expect}`, caseName(c), judgeLoad(c));
      }
    }
    interpolation.forEach((c, i) => record('interpolation', `interpolation[${i}] ${JSON.stringify(c.template)}`, judgeInterpolation(c)));
    const lines = [...counts].map(([kind, n]) => `  ${kind}: ${n.agree} agree, ${n.disagree} disagree, ${n.excepted} excepted`);
    const agree = [...counts.values()].reduce((sum, n) => sum + n.agree, 0);
    const judged = [...counts.values()].reduce((sum, n) => sum + n.agree + n.disagree + n.excepted, 0);
    console.log(`compose conformance: ${agree} of ${judged} judged cases agree\n${lines.join('\n')}\n  without an upstream expectation (spec fragments, unknown): ${unjudged}, of which ${unjudgedWithErrors} give errors`);
    assert.deepEqual(failures, [], `${failures.length} conformance case(s) disagree with upstream`);
    // An exception must keep earning its place: one for a case that now agrees, or for no judged case, is an error.
    const unjudgedExceptions = Object.keys(exceptions).filter((name) => !judgedNames.has(name));
    assert.deepEqual(
      { agreeingNow: stale, notJudged: unjudgedExceptions },
      { agreeingNow: [], notJudged: [] },
      'conformanceExceptions.json lists cases that now agree or that are not judged (no upstream expectation, or no such case): remove them',
    );
  });
});
