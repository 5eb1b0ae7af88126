import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/paths';
import { cpuPercent, type RawContainerStats } from '../../../src/stats/statsMath';
import { isCpuReading, statsRequest, withPreviousCpu } from '../../../src/stats/statsOneShot';

function fixture(name: string): RawContainerStats {
  return JSON.parse(readFileSync(fixturePath('stats', `${name}.json`), 'utf8')) as RawContainerStats;
}

describe('one-shot stats with the previous reading as baseline', () => {
  // Two one-shot responses of the same busy container, recorded two seconds apart.
  const first = fixture('cgroupV1OneShotBusyFirst');
  const second = fixture('cgroupV1OneShotBusySecond');

  it('asks for a plain call first (it carries precpu_stats) and one-shot once a reading is known', () => {
    assert.deepEqual(statsRequest(undefined), { stream: false, 'one-shot': false });
    assert.deepEqual(statsRequest(first.cpu_stats ?? undefined), { stream: false, 'one-shot': true });
  });

  it('a one-shot response alone has no CPU %', () => {
    assert.equal(isCpuReading(second.precpu_stats), false);
    assert.equal(cpuPercent(second), undefined);
  });

  it('CPU % is the delta against the previous reading, × online CPUs', () => {
    const cpu = first.cpu_stats;
    assert.ok(isCpuReading(cpu));
    const merged = withPreviousCpu(second, cpu);
    const now = second.cpu_stats;
    const expected =
      ((Number(now?.cpu_usage?.total_usage) - Number(cpu.cpu_usage?.total_usage)) /
        (Number(now?.system_cpu_usage) - Number(cpu.system_cpu_usage))) *
      Number(now?.online_cpus) *
      100;
    assert.equal(cpuPercent(merged), expected);
    assert.ok(expected > 10, `the fixture was recorded with a busy loop running (got ${expected})`);
    assert.equal(second.precpu_stats?.system_cpu_usage, undefined, 'the fixture itself is left as it was');
  });

  it("the engine's own precpu_stats win over the carried reading", () => {
    const plain = fixture('cgroupV1Running');
    assert.equal(withPreviousCpu(plain, first.cpu_stats ?? undefined), plain);
  });

  it('without a previous reading the response is returned untouched', () => {
    assert.equal(withPreviousCpu(second, undefined), second);
  });
});
