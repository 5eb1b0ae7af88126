import { statSync } from 'node:fs';
import type { ContainerSample } from '../src/stats/statsMath';
import { openMetricsStore } from '../src/stats/history/metricsStore';
import * as os from 'node:os';
import type { Benchmark, BenchResult } from './benchmark';
import { STATS_SECTION } from './sections';
import { formatMs, formatSummary, summarize } from './stats';
import { BENCH_STEP_MS, benchSample, benchTempFile, removeBenchTemp, WASM_PATH } from './statsBenchSupport';

const ROWS = 1_000_000;
const CONTAINERS = 50;
const BATCH = 1_000;
const QUERIES = 50;
const INSERT_TARGET = 200_000;
const QUERY_TARGET_MS = 5;


/** The sql.js history store at a million samples: insert rate, a one-hour range query, persisting, file size. */
export const statsStoreBenchmark: Benchmark = {
  id: 'statsStore',
  section: STATS_SECTION,
  async run(context): Promise<BenchResult> {
    const file = benchTempFile('store');
    try {
      const { store } = await openMetricsStore(file.path, WASM_PATH);
      const perContainer = ROWS / CONTAINERS;
      const start = Date.UTC(2026, 0, 1);
      context.log(`stats: inserting ${ROWS.toLocaleString('en')} samples in batches of ${BATCH}`);
      let insertMs = 0;
      let inserted = 0;
      // Interleaved by time, as the recorder writes: each batch holds 20 instants of all 50 containers.
      for (let index = 0; index < perContainer; index += BATCH / CONTAINERS) {
        const batch: ContainerSample[] = [];
        for (let i = index; i < index + BATCH / CONTAINERS; i++) for (let c = 0; c < CONTAINERS; c++) batch.push(benchSample(c, i, start));
        const t0 = performance.now();
        inserted += store.insert(batch);
        insertMs += performance.now() - t0;
      }
      const rowsPerSecond = inserted / (insertMs / 1000);

      const hourSamples = 3_600_000 / BENCH_STEP_MS;
      const queryTimes: number[] = [];
      let rowsPerQuery = 0;
      for (let q = 0; q < QUERIES; q++) {
        const container = (q * 7) % CONTAINERS;
        const from = start + ((q * 997) % (perContainer - hourSamples)) * BENCH_STEP_MS;
        const id = benchSample(container, 0, start).containerId;
        const t0 = performance.now();
        rowsPerQuery = store.query(id, from, from + 3_600_000 - 1).length;
        queryTimes.push(performance.now() - t0);
      }
      const query = summarize(queryTimes);

      const persistTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await store.persist();
        persistTimes.push(performance.now() - t0);
      }
      const persist = summarize(persistTimes);
      const bytes = statSync(file.path).size;
      store.close();
      return {
        rows: [
          {
            measured: `History store: inserting ${ROWS.toLocaleString('en')} samples (batches of ${BATCH})`,
            berth: `${Math.round(rowsPerSecond).toLocaleString('en')} rows/s`,
            comparisons: [],
            checks: [{ target: `≥ ${INSERT_TARGET.toLocaleString('en')} rows/s`, met: rowsPerSecond >= INSERT_TARGET }],
          },
          {
            measured: `One container, one hour (${rowsPerQuery} samples) range query`,
            berth: formatSummary(query),
            comparisons: [],
            checks: [{ target: `< ${QUERY_TARGET_MS} ms`, met: query.medianMs < QUERY_TARGET_MS }],
          },
          {
            measured: `Persisting ${ROWS.toLocaleString('en')} samples to disk (export, temp file, fsync, rename)`,
            berth: formatSummary(persist),
            comparisons: [],
            checks: [],
          },
          {
            measured: 'File size per stored sample',
            berth: `${(bytes / ROWS).toFixed(1)} bytes (${(bytes / 1024 / 1024).toFixed(1)} MiB in all)`,
            comparisons: [],
            checks: [],
          },
        ],
        notes: [
          `History store: sql.js in the benchmark process; ${CONTAINERS} containers × ${perContainer.toLocaleString('en')} samples 5 s apart, ` +
            `inserted ${BATCH} per transaction (${formatMs(insertMs)} of insert calls in all). Range queries: ${QUERIES} one-hour windows at ` +
            `spread-out times and containers. Persisting: 3 runs of the store's atomic write.`,
          `Machine load average (1 min) at the end of this measurement: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; ` +
            'figures from a machine busy with other work are lower than on an idle one.',
        ],
      };
    } finally {
      removeBenchTemp(file.dir);
    }
  },
};
