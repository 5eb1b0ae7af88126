import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ComposeAnalysisRequest } from '../src/compose/composeAnalysisTypes';
import { ComposeAnalyzer } from '../src/compose/composeAnalyzer';
import { billionLaughs, deepNesting, manyServices, mergeKeyBomb, SELF_ALIASES, wideMapping } from '../test/unit/compose/composeHostileInputs';
import type { Benchmark, BenchResult, BenchRow } from './benchmark';
import { COMPOSE_LOADER_SECTION } from './sections';
import { formatMs, formatSummary, summarize } from './stats';

const run = promisify(execFile);
const FILE = '/bench/compose.yaml';
const LOAD_TARGET_MS = 1000;
const HOSTILE_TARGET_MS = 2000;
const BLOCK_TARGET_MS = 250;
/** Files of this many services, the last about 5 MB: time per MB should stay flat (linear growth). */
const SIZES = [500, 2000, 6000, 13500];
const MAX_REPETITIONS = 5;

interface Probe {
  ms: number;
  /** CPU time of the load: on a shared machine wall time also counts waiting for a core. */
  cpuMs: number;
  chars: number;
  rssDeltaMb: number;
}

async function probe(services: number): Promise<Probe> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'composeLoaderProbe.js'), String(services)], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim()) as Probe;
}

function request(text: string): ComposeAnalysisRequest {
  return { options: { files: [FILE], env: {} }, buffers: { [FILE]: text } };
}

/**
 * The compose loader on large files (each load in a fresh process, for its peak memory) and the
 * time from a hostile file to its diagnostic through the analysis worker the editor uses, with the
 * longest stall of this (the "extension host") thread meanwhile.
 */
export const composeLoaderBenchmark: Benchmark = {
  id: 'composeLoader',
  section: COMPOSE_LOADER_SECTION,
  async run(context): Promise<BenchResult> {
    const repetitions = Math.min(context.settings.repetitions, MAX_REPETITIONS);
    const rows: BenchRow[] = [];
    const perMb: number[] = [];
    for (const services of SIZES) {
      const probes: Probe[] = [];
      for (let i = 0; i < repetitions; i++) probes.push(await probe(services));
      const timing = summarize(probes.map((p) => p.ms));
      const mb = probes[0].chars / (1024 * 1024);
      perMb.push(timing.medianMs / mb);
      const memory = Math.max(...probes.map((p) => p.rssDeltaMb));
      const cpu = summarize(probes.map((p) => p.cpuMs)).medianMs;
      context.log(`compose loader: ${services} services (${mb.toFixed(1)} MB) median ${Math.round(timing.medianMs)} ms (CPU ${Math.round(cpu)} ms), peak +${memory.toFixed(0)} MB`);
      if (services !== 2000 && services !== SIZES[SIZES.length - 1]) continue;
      const last = services === SIZES[SIZES.length - 1];
      const growth = perMb[perMb.length - 1] / perMb[0];
      rows.push({
        measured: `Load (parse, interpolate, validate, model) ${services.toLocaleString('en-US')} services, ${mb.toFixed(1)} MB; CPU time median ${formatMs(cpu)}; peak memory +${memory.toFixed(0)} MB`,
        berth: formatSummary(timing),
        comparisons: [],
        checks: last
          ? [{ ratioName: `time per MB vs ${SIZES[0]} services`, ratio: growth, target: '≤ 1.5× (linear)', met: growth <= 1.5 }]
          : [{ target: `< ${LOAD_TARGET_MS} ms`, met: timing.medianMs < LOAD_TARGET_MS }],
      });
    }

    const analyzer = new ComposeAnalyzer(path.join(__dirname, '..', 'src', 'compose', 'composeAnalysisWorker.js'), 60_000);
    const hostile: [string, string][] = [
      ['"Billion laughs" alias bomb', billionLaughs()],
      ['Nested merge-key bomb (40 levels)', mergeKeyBomb(40)],
      ['Anchor containing an alias to itself', SELF_ALIASES[0]],
      ['3,000 levels of nesting', deepNesting(3000)],
      ['150,000 keys in one mapping', wideMapping()],
      [`${SIZES[SIZES.length - 1].toLocaleString('en-US')}-service file (worker)`, manyServices(SIZES[SIZES.length - 1])],
    ];
    try {
      await analyzer.analyze(request('services:\n  web:\n    image: x\n'));
      for (const [label, text] of hostile) {
        const times: number[] = [];
        let stall = 0;
        let codes = '';
        for (let i = 0; i < repetitions; i++) {
          const delay = monitorEventLoopDelay({ resolution: 10 });
          delay.enable();
          const started = performance.now();
          const analysis = await analyzer.analyze(request(text));
          times.push(performance.now() - started);
          delay.disable();
          stall = Math.max(stall, delay.max / 1e6);
          codes = [...new Set(analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].join(', ');
        }
        const timing = summarize(times);
        context.log(`compose loader: ${label}: median ${Math.round(timing.medianMs)} ms (${codes || 'no error'}), longest stall ${Math.round(stall)} ms`);
        const worker = label.endsWith('(worker)');
        rows.push({
          measured: `${label}: time to ${worker ? 'the result' : `the diagnostic (${codes})`}; longest stall of the calling thread ${formatMs(stall)}`,
          berth: formatSummary(timing),
          comparisons: [],
          checks: [
            ...(worker ? [] : [{ target: `< ${HOSTILE_TARGET_MS} ms`, met: timing.medianMs < HOSTILE_TARGET_MS }]),
            { target: `stall < ${BLOCK_TARGET_MS} ms`, met: stall < BLOCK_TARGET_MS },
          ],
        });
      }
    } finally {
      analyzer.dispose();
    }
    return {
      rows,
      notes: [
        `Generated files (test/unit/compose/composeHostileInputs.ts): each service has an image with a variable, a command, environment, a port, ` +
          `a bind mount, a healthcheck, labels merged from an anchor and a dependency on the previous one. ${repetitions} loads per size, each in a ` +
          `fresh Node process (bench/composeLoaderProbe.ts); peak memory is the growth of the process's maximum RSS over the load. Sizes measured: ` +
          `${SIZES.join(', ')} services; "linear" compares the time per MB of the largest with the smallest.`,
        'Hostile files go through the worker thread the editor uses (src/compose/composeAnalyzer.ts), already started; the stall is the longest ' +
          'event-loop delay of the calling thread (what would freeze the extension host) while the worker checks the file.',
      ],
    };
  },
};
