import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, planBenchRun } from '../../../bench/benchSettings';

describe('planBenchRun', () => {
  it('is a full run with a 60 s idle window when nothing is overridden', () => {
    const plan = planBenchRun({});
    assert.deepEqual(plan.settings, DEFAULT_SETTINGS);
    assert.equal(plan.settings.idleSeconds, 60);
    assert.equal(plan.quickBecause, undefined);
    assert.equal(plan.only, undefined);
  });

  it('treats a shorter idle window as a quick run that must not rewrite BENCHMARKS.md', () => {
    const plan = planBenchRun({ BERTH_BENCH_IDLE_SECONDS: '5' });
    assert.equal(plan.settings.idleSeconds, 5);
    assert.match(plan.quickBecause ?? '', /idleSeconds 5 instead of 60/);
  });

  it('stays a full run when an override repeats the default', () => {
    assert.equal(planBenchRun({ BERTH_BENCH_IDLE_SECONDS: '60', BERTH_BENCH_REPETITIONS: '20' }).quickBecause, undefined);
  });

  it('runs a subset named in BERTH_BENCH_ONLY, as a quick run', () => {
    const plan = planBenchRun({ BERTH_BENCH_ONLY: ' listing , ,idle' });
    assert.deepEqual(plan.only, ['listing', 'idle']);
    assert.match(plan.quickBecause ?? '', /only listing, idle/);
  });

  it('rejects values that are not positive numbers', () => {
    assert.throws(() => planBenchRun({ BERTH_BENCH_REPETITIONS: 'many' }), /BERTH_BENCH_REPETITIONS must be a positive number/);
    assert.throws(() => planBenchRun({ BERTH_BENCH_IDLE_SECONDS: '0' }), /BERTH_BENCH_IDLE_SECONDS/);
  });
});
