import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { createTestContainer, engineSkip, requireEngine, uniqueName, testClient } from '../../support/engineHarness';
import { StatsSampler } from '../../../src/stats/statsSampler';
import type { ContainerSample } from '../../../src/stats/statsMath';
import { waitUntil } from '../../support/polling';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const MEMORY_LIMIT = 64 * 1024 * 1024;

/** Collects what a sampler emits, per container. */
class Recorder {
  readonly samples = new Map<string, ContainerSample[]>();
  readonly errors = new Map<string, unknown[]>();
  onSample = (sample: ContainerSample): void => {
    this.samples.set(sample.containerId, [...(this.samples.get(sample.containerId) ?? []), sample]);
  };
  onError = (containerId: string, error: unknown): void => {
    this.errors.set(containerId, [...(this.errors.get(containerId) ?? []), error]);
  };
  count(id: string): number {
    return this.samples.get(id)?.length ?? 0;
  }
}

describe('stats sampler against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  const created: Docker.Container[] = [];
  let busy: Docker.Container;
  let idle: Docker.Container;
  let busyName: string;

  before(async () => {
    docker = await requireEngine();
    busyName = uniqueName('busy');
    busy = await createTestContainer(docker, { name: busyName, Cmd: ['sh', '-c', 'while :; do :; done'], HostConfig: { Memory: MEMORY_LIMIT } });
    created.push(busy);
    idle = await createTestContainer(docker, { Cmd: ['sleep', '3600'], HostConfig: { Memory: MEMORY_LIMIT } });
    created.push(idle);
  });

  after(async () => {
    // Only what this suite created: other suites may be using labelled objects at the same time.
    await Promise.all(created.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
  });

  it('a busy loop shows CPU above 50 % within three samples; an idle container stays below 5 %', async () => {
    const recorder = new Recorder();
    const sampler = new StatsSampler(client, { onSample: recorder.onSample, onError: recorder.onError });
    sampler.setContainers([busy.id, idle.id]);
    for (let round = 1; round <= 3; round++) {
      await sampler.sampleNow();
      assert.equal(recorder.count(busy.id), round, 'one sample per container per round');
      assert.equal(recorder.count(idle.id), round);
      if ((recorder.samples.get(busy.id) ?? []).some((s) => (s.cpuPercent ?? 0) > 50)) break;
    }
    const busyCpu = (recorder.samples.get(busy.id) ?? []).map((s) => s.cpuPercent);
    assert.ok(busyCpu.some((cpu) => cpu !== undefined && cpu > 50), `busy CPU %: ${busyCpu.join(', ')}`);
    for (const s of recorder.samples.get(idle.id) ?? []) {
      assert.ok(s.cpuPercent !== undefined && s.cpuPercent < 5, `idle CPU %: ${s.cpuPercent}`);
    }
    assert.equal(recorder.errors.size, 0);
    sampler.stop();
  });

  it('memory limit is the HostConfig.Memory the container was created with; the rest is filled in', async () => {
    const recorder = new Recorder();
    const sampler = new StatsSampler(client, { onSample: recorder.onSample });
    sampler.setContainers([busy.id, idle.id]);
    await sampler.sampleNow();
    for (const container of [busy, idle]) {
      const [sample] = recorder.samples.get(container.id) ?? [];
      assert.ok(sample, `no sample for ${container.id}`);
      assert.equal(sample.memoryLimitBytes, MEMORY_LIMIT);
      assert.ok(sample.memoryUsedBytes !== undefined && sample.memoryUsedBytes > 0 && sample.memoryUsedBytes < MEMORY_LIMIT);
      assert.equal(sample.memoryPercent, (sample.memoryUsedBytes / MEMORY_LIMIT) * 100);
      assert.ok(sample.pids !== undefined && sample.pids >= 1);
      assert.notEqual(sample.networkRxBytes, undefined);
      assert.notEqual(sample.blockReadBytes, undefined);
    }
    assert.equal(recorder.samples.get(busy.id)?.[0].containerName, busyName);
  });

  it('holds a 1 s interval: each container gets at least 9 samples in 10.5 s, every one with a CPU %', async () => {
    // A plain stats call takes one to two seconds, which made a 1 s interval one sample per 2 s (5 or
    // 6 here); the follow-up one-shot calls answer well within the interval. 11 ticks fall in the
    // window, so the bound leaves two for a loaded machine.
    const recorder = new Recorder();
    const sampler = new StatsSampler(client, { onSample: recorder.onSample, onError: recorder.onError, intervalMs: 1_000 });
    sampler.setContainers([busy.id, idle.id]);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    sampler.stop();
    for (const container of [busy, idle]) {
      const samples = recorder.samples.get(container.id) ?? [];
      assert.ok(samples.length >= 9, `${samples.length} samples of ${container.id} in 10.5 s`);
      const cpu = samples.map((s) => s.cpuPercent);
      assert.ok(cpu.every((value) => value !== undefined && value >= 0), `CPU %: ${cpu.join(', ')}`);
    }
    const idleCpu = (recorder.samples.get(idle.id) ?? []).map((s) => s.cpuPercent ?? 0);
    assert.ok(idleCpu.every((value) => value < 5), `idle CPU %: ${idleCpu.join(', ')}`);
    assert.equal(recorder.errors.size, 0);
  });

  it('samples on its timer, follows add/remove, reports a missing container, and is silent after stop()', async () => {
    const recorder = new Recorder();
    const sampler = new StatsSampler(client, { onSample: recorder.onSample, onError: recorder.onError, intervalMs: 1_000 });
    const missing = `${uniqueName('missing')}-never-created`;
    sampler.add(idle.id);
    sampler.add(missing);
    sampler.start();
    await waitUntil(() => recorder.count(idle.id) >= 2, 'two timer-driven samples of the idle container');
    await waitUntil(() => (recorder.errors.get(missing)?.length ?? 0) >= 1, 'an error for the missing container');
    assert.match(String(recorder.errors.get(missing)?.[0]), /no such container/i);

    sampler.add(busy.id);
    await waitUntil(() => recorder.count(busy.id) >= 1, 'a sample of the container added while running');

    sampler.remove(idle.id);
    const idleCount = recorder.count(idle.id);
    const busyBefore = recorder.count(busy.id);
    await waitUntil(() => recorder.count(busy.id) >= busyBefore + 2, 'two more samples of the remaining container');
    assert.equal(recorder.count(idle.id), idleCount, 'no samples after remove()');

    sampler.stop();
    assert.equal(sampler.running, false);
    const frozen = recorder.count(busy.id);
    // Longer than two intervals plus a pending call's worst case.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    assert.equal(recorder.count(busy.id), frozen, 'no samples after stop()');
  });
});
