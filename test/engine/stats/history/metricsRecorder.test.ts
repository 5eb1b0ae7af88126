import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../../src/engine/engineConnection';
import { createTestContainer, engineSkip, requireEngine } from '../../../support/engineHarness';
import { connectEngine } from '../../../support/engineWiring';
import { MetricsRecorder } from '../../../../src/stats/history/metricsRecorder';
import type { RecorderSettings } from '../../../../src/stats/history/recorderSettings';
import { MetricsHistory } from '../../../../src/stats/history/metricsHistory';
import { makeTempDir, removeTempDir, WASM_PATH } from '../../../unit/stats/history/historySupport';
import { waitUntil } from '../../../support/polling';

const INTERVAL_MS = 2_000;
const SETTINGS: RecorderSettings = { intervalMs: INTERVAL_MS, rawRetentionHours: 24, retentionDays: 7, record: 'always' };

describe('metrics recorder against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  let engine: EngineConnection;
  let dir: string;
  let history: MetricsHistory;
  let recorder: MetricsRecorder;
  const created: Docker.Container[] = [];
  const all = (id: string): ReturnType<MetricsRecorder['query']> => recorder.query(id, 0, Number.MAX_SAFE_INTEGER);
  const stored = async (id: string): Promise<number> => (await all(id)).length;

  before(async () => {
    docker = await requireEngine();
    engine = await connectEngine();
    dir = makeTempDir();
    // No lease: this process is the only one and records.
    history = (await MetricsHistory.open({ filePath: path.join(dir, 'metrics.sqlite'), wasmPath: WASM_PATH, mode: 'writer' })).history;
    recorder = new MetricsRecorder({ history, settings: SETTINGS });
  });

  after(async () => {
    await recorder.dispose();
    engine?.dispose();
    await Promise.all(created.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
    removeTempDir(dir);
  });

  it('records a container running before it attached, and picks up one started afterwards', async () => {
    const early = await createTestContainer(docker, { Cmd: ['sleep', '3600'] });
    created.push(early);
    await recorder.attach(engine.client, engine);
    assert.ok(recorder.runningIds.includes(early.id), 'the running list includes the container started before attach');

    const busy = await createTestContainer(docker, { Cmd: ['sh', '-c', 'while :; do :; done'] });
    created.push(busy);
    await waitUntil(() => recorder.sampledIds.includes(busy.id), 'the started container to be sampled');
    await waitUntil(async () => (await stored(busy.id)) >= 3 && (await stored(early.id)) >= 3, 'three stored samples of each container');
    const busySamples = await all(busy.id);
    // Not the 50 % of the sampler test: this suite shares two cores with other suites, and the
    // point here is that the recorder stored what the sampler measured, busy clearly above idle.
    const cpu = (samples: { cpuPercent?: number }[]): number => Math.max(...samples.map((s) => s.cpuPercent ?? 0));
    const idleSamples = await all(early.id);
    assert.ok(cpu(busySamples) > 20, `a busy loop shows well above idle CPU: ${busySamples.map((s) => s.cpuPercent).join(', ')}`);
    assert.ok(cpu(idleSamples) < 5, `an idle container stays below 5 %: ${idleSamples.map((s) => s.cpuPercent).join(', ')}`);
    assert.ok(busySamples.every((s) => s.resolution === 'raw' && s.memoryUsedBytes !== undefined));
    assert.ok(recorder.live.since(busy.id, 0).length >= 3, 'the live buffer has the samples too');
  });

  it('drops a container that stops, and keeps its history', async () => {
    const busy = created[1];
    await busy.kill();
    await waitUntil(() => !recorder.runningIds.includes(busy.id) && !recorder.sampledIds.includes(busy.id), 'the stopped container to be dropped');
    assert.ok((await stored(busy.id)) >= 3, 'its samples stay in the history');
    assert.ok(recorder.sampledIds.includes(created[0].id), 'the other container is still sampled');
  });

  it('with recording off samples only watched containers and stores nothing', async () => {
    const early = created[0];
    recorder.updateSettings({ ...SETTINGS, record: 'off' });
    const sampled = (): string[] => recorder.sampledIds;
    assert.deepEqual(sampled(), [], 'nothing is sampled while nobody watches');
    const before = await stored(early.id);
    const unwatch = recorder.watch(early.id);
    try {
      const liveBefore = recorder.live.since(early.id, 0).length;
      await waitUntil(() => recorder.live.since(early.id, 0).length >= liveBefore + 2, 'live samples of the watched container');
      assert.equal(await stored(early.id), before, 'nothing was written');
    } finally {
      unwatch();
    }
    assert.deepEqual(sampled(), []);
    recorder.updateSettings(SETTINGS);
    assert.ok(sampled().includes(early.id));
  });

  it('what it flushed is on disk: a reader of the same file sees the same samples', async () => {
    const early = created[0];
    await recorder.flush();
    const reader = (await MetricsHistory.open({ filePath: path.join(dir, 'metrics.sqlite'), wasmPath: WASM_PATH, mode: 'reader' })).history;
    try {
      const mine = await all(early.id);
      const engineId = recorder.engineId ?? '';
      assert.ok(engineId.length > 0, 'the recorder knows the engine ID');
      assert.deepEqual(await reader.query(early.id, 0, Number.MAX_SAFE_INTEGER, engineId), mine);
      assert.deepEqual(
        (await reader.containers(engineId)).map((c) => c.containerId).filter((id) => id === early.id),
        [early.id],
        'the container is keyed by this engine',
      );
    } finally {
      await reader.close();
    }
  });
});
