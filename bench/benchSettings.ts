import type { BenchSettings } from './benchmark';

/** The settings BENCHMARKS.md is written with; the idle window in particular is 60 s by definition. */
export const DEFAULT_SETTINGS: BenchSettings = { warmups: 3, repetitions: 20, idleSeconds: 60 };

export interface BenchRunPlan {
  settings: BenchSettings;
  /** Benchmark ids to run; undefined runs them all. */
  only?: string[];
  /** Set when the run differs from a full run; such a run prints its rows but must not rewrite BENCHMARKS.md. */
  quickBecause?: string;
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${text}"`);
  return value;
}

/** Reads BERTH_BENCH_IDLE_SECONDS, BERTH_BENCH_REPETITIONS, BERTH_BENCH_WARMUPS and BERTH_BENCH_ONLY (comma-separated ids). */
export function planBenchRun(env: Record<string, string | undefined>): BenchRunPlan {
  const settings: BenchSettings = {
    idleSeconds: positive(env, 'BERTH_BENCH_IDLE_SECONDS', DEFAULT_SETTINGS.idleSeconds),
    repetitions: Math.round(positive(env, 'BERTH_BENCH_REPETITIONS', DEFAULT_SETTINGS.repetitions)),
    warmups: Math.round(positive(env, 'BERTH_BENCH_WARMUPS', DEFAULT_SETTINGS.warmups)),
  };
  const only = env.BERTH_BENCH_ONLY?.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const reasons: string[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof BenchSettings)[]) {
    if (settings[key] !== DEFAULT_SETTINGS[key]) reasons.push(`${key} ${settings[key]} instead of ${DEFAULT_SETTINGS[key]}`);
  }
  if (only && only.length > 0) reasons.push(`only ${only.join(', ')}`);
  return { settings, only: only && only.length > 0 ? only : undefined, quickBecause: reasons.length > 0 ? reasons.join('; ') : undefined };
}
