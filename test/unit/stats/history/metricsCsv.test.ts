import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { openMetricsStore, type MetricsStore } from '../../../../src/stats/history/metricsStore';
import { csvField } from '../../../../src/stats/history/metricsCsv';
import { makeTempDir, removeTempDir, sample, WASM_PATH } from './historySupport';

const A = 'a'.repeat(12);
const B = 'b'.repeat(12);
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('CSV export', () => {
  let dir: string;
  let store: MetricsStore;

  before(async () => {
    dir = makeTempDir();
    ({ store } = await openMetricsStore(path.join(dir, 'metrics.sqlite'), WASM_PATH));
    store.insert([
      sample(B, T0 + 1_000, { cpuPercent: 0.5 }, 'plain'),
      sample(A, T0, { cpuPercent: 12.5, memoryUsedBytes: 1024, memoryLimitBytes: 4096, networkRxBytes: 10, networkTxBytes: 20, blockReadBytes: 30, blockWriteBytes: 40, pids: 3 }, 'web, "blue"'),
      sample(A, T0 + 5_000, { pids: 4 }, 'web, "blue"'),
    ]);
    // Two samples a day old become one averaged minute.
    store.insert([sample(B, T0 - 86_400_000 - 120_000, { cpuPercent: 1 }, 'plain'), sample(B, T0 - 86_400_000 - 110_000, { cpuPercent: 2 }, 'plain')]);
    store.retention(T0 + 5_000);
  });
  after(() => {
    store.close();
    removeTempDir(dir);
  });

  const header =
    'engine_id,container_id,container_name,timestamp,timestamp_ms,resolution,cpu_percent,memory_used_bytes,memory_limit_bytes,' +
    'memory_percent,network_rx_bytes,network_tx_bytes,block_read_bytes,block_write_bytes,pids';

  it('one container: header, quoted name, empty fields for missing metrics', () => {
    assert.equal(
      store.exportCsv(A),
      [
        header,
        ',aaaaaaaaaaaa,"web, ""blue""",2026-11-28T12:00:00.000Z,1795867200000,raw,12.5,1024,4096,25,10,20,30,40,3',
        ',aaaaaaaaaaaa,"web, ""blue""",2026-11-28T12:00:05.000Z,1795867205000,raw,,,,,,,,,4',
        '',
      ].join('\r\n'),
    );
  });

  it('all containers, by container then time, averaged minutes marked', () => {
    assert.equal(
      store.exportCsv(),
      [
        header,
        ',bbbbbbbbbbbb,plain,2026-11-27T11:58:00.000Z,1795780680000,minute,1.5,,,,,,,,',
        ',bbbbbbbbbbbb,plain,2026-11-28T12:00:01.000Z,1795867201000,raw,0.5,,,,,,,,',
        ',aaaaaaaaaaaa,"web, ""blue""",2026-11-28T12:00:00.000Z,1795867200000,raw,12.5,1024,4096,25,10,20,30,40,3',
        ',aaaaaaaaaaaa,"web, ""blue""",2026-11-28T12:00:05.000Z,1795867205000,raw,,,,,,,,,4',
        '',
      ].join('\r\n'),
    );
  });

  it('names each row\'s engine, so the same container ID on two engines stays apart', async () => {
    const other = await openMetricsStore(path.join(dir, 'two-engines.sqlite'), WASM_PATH);
    try {
      other.store.insert([sample(A, T0, { pids: 1 }, 'web')], 'ENGINE:ONE');
      other.store.insert([sample(A, T0, { pids: 2 }, 'web')], 'ENGINE:TWO');
      const rows = other.store.exportCsv().split('\r\n').slice(1, -1);
      assert.deepEqual(rows.map((r) => [r.split(',')[0], r.split(',').at(-1)]).sort(), [['ENGINE:ONE', '1'], ['ENGINE:TWO', '2']]);
      assert.deepEqual(other.store.exportCsv(A, 'ENGINE:TWO').split('\r\n').slice(1, -1).map((r) => r.split(',')[0]), ['ENGINE:TWO']);
    } finally {
      other.store.close();
    }
  });

  it('an unknown container gives just the header', () => {
    assert.equal(store.exportCsv('nope'), `${header}\r\n`);
  });

  it('quotes commas, quotes and line breaks only', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rlf'), '"cr\rlf"');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(Number.NaN), '');
    assert.equal(csvField(0), '0');
  });
});
