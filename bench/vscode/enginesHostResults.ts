// What the extension-host side of the engines benchmark (enginesHostBench.ts) is given and reports;
// apart from it because the launcher runs where `vscode` cannot be loaded.

export interface EnginesHostResults {
  /** ms from the raw `start` event on the second engine to its row showing the container running. */
  eventToViewMs: number[];
  /** Extension host heap (after GC) added by connecting the engine with the 500 containers, per try. */
  heapPerEngineBytes: number[];
  containersOnEngine: number;
  /** Date.now() of every event any of the three engines sent during the idle window (from streams of the benchmark's own). */
  idleEventTimes: number[];
  /** Date.now() bounds of the idle window, for the launcher's proxies. */
  idleFrom: number;
  idleTo: number;
}

export const ENGINES_BENCH_ENV = {
  podman: 'BERTH_BENCH_PODMAN_HOST',
  tls: 'BERTH_BENCH_TLS_HOST',
  certs: 'BERTH_BENCH_TLS_CERTS',
  idleSeconds: 'BERTH_BENCH_IDLE_SECONDS',
  fixture: 'BERTH_BENCH_ENGINE_CONTAINERS',
  run: 'BERTH_BENCH_RUN',
} as const;
