import * as path from 'node:path';
import { uniqueName } from '../test/support/engineHarness';
import { OTHER_ENGINES, otherEngineDocker } from '../test/support/otherEngines';
import { proxyFor } from '../test/support/socketProxy';
import type { Benchmark, BenchResult } from './benchmark';
import { ENGINES_SECTION } from './sections';
import { formatMs, summarize } from './stats';
import { TcpByteCounter } from './tcpByteCounter';
import { ENGINES_BENCH_ENV, type EnginesHostResults } from './vscode/enginesHostResults';
import { runInExtensionHost } from './vscode/hostBenchLauncher';

const CONTAINERS = 500;
const EVENT_TARGET_MS = 150;
const EVENT_ECHO_MS = 2000;
const HEAP_TARGET_MB = 15;
const TLS_CERTS = path.join(`${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}-tls`, 'certs');

/**
 * Several engines at once in a real VS Code: the current engine, Podman and the TLS engine, each
 * behind a proxy of this process that sees what Berth sends it.
 */
export const enginesBenchmark: Benchmark = {
  id: 'engines',
  section: ENGINES_SECTION,
  async run(context): Promise<BenchResult> {
    const local = proxyFor(context.dockerHost, 'bench-engines-local');
    const podman = proxyFor(OTHER_ENGINES.podman.host, 'bench-engines-podman');
    const tlsUrl = new URL(OTHER_ENGINES.tls.host.replace(/^tcp:/, 'http:'));
    const tls = new TcpByteCounter({ host: tlsUrl.hostname, port: Number(tlsUrl.port) });
    const run = uniqueName('engines');
    try {
      await local.start();
      await podman.start();
      const tlsPort = await tls.start();
      const r = await runInExtensionHost<EnginesHostResults>(context, 'enginesHostBench.js', `unix://${local.path}`, {
        [ENGINES_BENCH_ENV.podman]: `unix://${podman.path}`,
        [ENGINES_BENCH_ENV.tls]: `tcp://127.0.0.1:${tlsPort}`,
        [ENGINES_BENCH_ENV.certs]: TLS_CERTS,
        [ENGINES_BENCH_ENV.idleSeconds]: String(context.settings.idleSeconds),
        [ENGINES_BENCH_ENV.fixture]: String(CONTAINERS),
        [ENGINES_BENCH_ENV.run]: run,
      });
      // Other processes may use the shared engines meanwhile: a request just after an event is the
      // refresh that event asked for, not idle traffic.
      const echo = (t: number): boolean => r.idleEventTimes.some((e) => t >= e && t - e <= EVENT_ECHO_MS);
      const inIdle = (times: readonly number[]): number[] => times.filter((t) => t >= r.idleFrom && t <= r.idleTo);
      const all = [...inIdle(local.requestTimes), ...inIdle(podman.requestTimes), ...inIdle(tls.sent.map((s) => s.at))];
      const unexplained = all.filter((t) => !echo(t)).length;
      const echoes = all.length - unexplained;
      const seconds = Math.round((r.idleTo - r.idleFrom) / 1000);
      const toView = summarize(r.eventToViewMs);
      const heap = summarize(r.heapPerEngineBytes.map((b) => b / 1e6));
      return {
        rows: [
          {
            measured: `Three engines connected (local socket, Podman, TLS over TCP), views loaded, idle for ${seconds} s`,
            berth: `${unexplained} requests${echoes > 0 ? ` (and ${echoes} refreshes within ${EVENT_ECHO_MS / 1000} s of ${r.idleEventTimes.length} events made by other processes)` : ''}`,
            comparisons: [],
            checks: [{ target: '0 requests', met: unexplained === 0 }],
          },
          {
            measured: 'External `docker start` on the second (TLS) engine → its node in the Containers view shows the container running (after the raw start event)',
            berth: `median ${formatMs(toView.medianMs)}, p90 ${formatMs(toView.p90Ms)}`,
            comparisons: [{ label: 'the same on the only engine', figure: 'Views section, first row' }],
            checks: [{ target: `≤ ${EVENT_TARGET_MS} ms (median)`, met: toView.medianMs <= EVENT_TARGET_MS }],
          },
          {
            measured: `Extension host heap added by connecting an engine with ${r.containersOnEngine} containers (all four views of it loaded)`,
            berth: `median ${heap.medianMs.toFixed(1)} MB (min ${heap.minMs.toFixed(1)}, max ${heap.maxMs.toFixed(1)})`,
            comparisons: [],
            checks: [{ target: `< ${HEAP_TARGET_MB} MB`, met: heap.medianMs < HEAP_TARGET_MB }],
          },
        ],
        notes: [
          'Measured inside a real VS Code extension host (code-server) with Berth loaded. Each engine is reached through a proxy of the benchmark process: unix-socket proxies count the HTTP requests to the test engine and to Podman; TLS hides requests, so for the TLS engine the proxy counts the writes the client makes (an idle client writes nothing; the event stream only flows towards it). The latency figure therefore includes one extra TCP hop for Berth but not for the raw listener.',
          `Idle: Podman and the TLS engine connected next to the current engine, every view's tree of each loaded once, then ${seconds} s without changes; \`berth.stats.record\` is off for the run (the stats benchmarks measure sampling).`,
          `Latency: ${r.eventToViewMs.length} repetitions after 2 warm-ups, each a labelled container created on the TLS engine and started with the docker CLI from a child process.`,
          `Heap: ${r.heapPerEngineBytes.length} connect/disconnect cycles; the heap is read after a full garbage collection before connecting and after the four views of the engine were built.`,
        ],
      };
    } finally {
      // The extension host removes its fixture; this sweeps what a run that died half way left.
      const sweep = otherEngineDocker(OTHER_ENGINES.tls);
      const left = await sweep.docker.listContainers({ all: true, filters: JSON.stringify({ name: [run] }) }).catch(() => []);
      await Promise.all(left.map((c) => sweep.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
      sweep.dispose();
      await tls.stop();
      await podman.stop();
      await local.stop();
    }
  },
};
