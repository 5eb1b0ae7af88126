import type { RawContainerStats, RawCpuStats } from './statsMath';

/** The query of one stats call: the first of a container waits for the engine's two readings, later ones do not. */
export interface StatsRequest {
  stream: false;
  'one-shot': boolean;
}

/**
 * Without a previous reading of the container, a plain `stream=false` call: it takes one to two
 * seconds but carries `precpu_stats`, so even the first sample has a CPU %. With one, `one-shot`:
 * the engine answers from its current reading (≈0.2 s instead of ≈1.5 s on engine 20.10) and the
 * previous reading stands in for the missing `precpu_stats`.
 */
export function statsRequest(previousCpu: RawCpuStats | undefined): StatsRequest {
  return { stream: false, 'one-shot': previousCpu !== undefined };
}

/** A reading CPU % can be computed against: the engine fills the host's CPU time only for real readings. */
export function isCpuReading(cpu: RawCpuStats | null | undefined): cpu is RawCpuStats {
  const system = cpu?.system_cpu_usage;
  return typeof system === 'number' && system > 0;
}

/**
 * The response with `precpu_stats` taken from the container's previous reading when the engine
 * left it empty, so CPU % covers the time since the last sample, as with `docker stats`.
 */
export function withPreviousCpu(stats: RawContainerStats, previousCpu: RawCpuStats | undefined): RawContainerStats {
  // The engine's own precpu_stats (a plain call, or an engine older than one-shot) wins.
  if (previousCpu === undefined || isCpuReading(stats.precpu_stats)) return stats;
  return { ...stats, precpu_stats: previousCpu };
}
