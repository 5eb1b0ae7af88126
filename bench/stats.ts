/** Summary of repeated timings, in milliseconds. */
export interface TimingSummary {
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

/** The value at quantile q (0..1) by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  if (q < 0 || q > 1) throw new Error(`quantile ${q} is outside 0..1`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function summarize(timingsMs: readonly number[]): TimingSummary {
  return {
    runs: timingsMs.length,
    medianMs: quantile(timingsMs, 0.5),
    p90Ms: quantile(timingsMs, 0.9),
    minMs: Math.min(...timingsMs),
    maxMs: Math.max(...timingsMs),
  };
}

/** Milliseconds with precision that suits the size: 0.42 ms, 4.2 ms, 42 ms. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** "median 21 ms, p90 25 ms", the form every timing cell uses. */
export function formatSummary(summary: TimingSummary): string {
  return `median ${formatMs(summary.medianMs)}, p90 ${formatMs(summary.p90Ms)}`;
}

/** Ratio of medians, two decimals: a ratio below 1 means Berth is faster. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}
