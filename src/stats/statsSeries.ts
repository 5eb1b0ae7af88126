import type { ContainerSample } from './statsMath';
import { sampleRates } from './statsRates';
import type { ChartPoint, CurrentValues } from './statsProtocol';

export interface SeriesOptions {
  /** A step longer than this between samples is drawn as a gap (container stopped, VS Code closed). */
  gapMs: number;
  /** Longer series are averaged into this many time buckets at most. */
  maxPoints?: number;
}

function value(n: number | undefined): number | null {
  return n !== undefined && Number.isFinite(n) ? n : null;
}

function gapAt(t: number): ChartPoint {
  return { t, cpu: null, memUsed: null, memLimit: null, rxRate: null, txRate: null, readRate: null, writeRate: null };
}

/** The chart point for `current`, with rates against `previous` (undefined: no rates). */
export function chartPoint(previous: ContainerSample | undefined, current: ContainerSample): ChartPoint {
  const rates = sampleRates(previous, current);
  return {
    t: current.timestamp,
    cpu: value(current.cpuPercent),
    memUsed: value(current.memoryUsedBytes),
    memLimit: value(current.memoryLimitBytes),
    rxRate: value(rates.networkRxPerSecond),
    txRate: value(rates.networkTxPerSecond),
    readRate: value(rates.blockReadPerSecond),
    writeRate: value(rates.blockWritePerSecond),
  };
}

/**
 * Chart points from samples ordered by time: byte counters become rates between neighbours, long
 * pauses become gaps (and no rate is taken across them), and long series are averaged down.
 */
export function buildSeries(samples: readonly ContainerSample[], options: SeriesOptions): ChartPoint[] {
  const points: ChartPoint[] = [];
  let previous: ContainerSample | undefined;
  for (const sample of samples) {
    if (previous !== undefined && sample.timestamp <= previous.timestamp) continue;
    const gap = previous !== undefined && sample.timestamp - previous.timestamp > options.gapMs;
    if (gap && previous) points.push(gapAt(previous.timestamp + 1));
    points.push(chartPoint(gap ? undefined : previous, sample));
    previous = sample;
  }
  const max = options.maxPoints;
  return max !== undefined && points.length > max ? bucket(points, max, options.gapMs) : points;
}

const FIELDS = ['cpu', 'memUsed', 'memLimit', 'rxRate', 'txRate', 'readRate', 'writeRate'] as const;

/** Averages points into at most `maxPoints` equal time buckets; an empty stretch stays a gap. */
export function bucket(points: readonly ChartPoint[], maxPoints: number, gapMs: number): ChartPoint[] {
  if (points.length === 0 || maxPoints < 1) return [];
  const first = points[0].t;
  const span = points[points.length - 1].t - first;
  const width = Math.max(1, Math.ceil((span + 1) / maxPoints));
  const sums = new Map<number, { t: number; n: number; sum: number[]; count: number[] }>();
  for (const point of points) {
    const index = Math.floor((point.t - first) / width);
    let entry = sums.get(index);
    if (!entry) {
      entry = { t: 0, n: 0, sum: FIELDS.map(() => 0), count: FIELDS.map(() => 0) };
      sums.set(index, entry);
    }
    entry.t += point.t;
    entry.n++;
    FIELDS.forEach((field, i) => {
      const v = point[field];
      if (v !== null) {
        entry.sum[i] += v;
        entry.count[i]++;
      }
    });
  }
  const out: ChartPoint[] = [];
  const bucketGapMs = Math.max(gapMs, width * 2.5);
  for (const entry of [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e)) {
    const t = Math.round(entry.t / entry.n);
    const point = gapAt(t);
    FIELDS.forEach((field, i) => {
      point[field] = entry.count[i] > 0 ? entry.sum[i] / entry.count[i] : null;
    });
    const last = out[out.length - 1];
    if (last && t - last.t > bucketGapMs) out.push(gapAt(last.t + 1));
    out.push(point);
  }
  return out;
}

/** The header's figures for the newest sample. */
export function currentValues(previous: ContainerSample | undefined, latest: ContainerSample | undefined): CurrentValues | undefined {
  if (!latest) return undefined;
  const rates = sampleRates(previous, latest);
  const current: CurrentValues = { timestamp: latest.timestamp };
  const copy: Array<[keyof CurrentValues, number | undefined]> = [
    ['cpuPercent', latest.cpuPercent],
    ['memoryUsedBytes', latest.memoryUsedBytes],
    ['memoryLimitBytes', latest.memoryLimitBytes],
    ['memoryPercent', latest.memoryPercent],
    ['networkRxBytes', latest.networkRxBytes],
    ['networkTxBytes', latest.networkTxBytes],
    ['rxPerSecond', rates.networkRxPerSecond],
    ['txPerSecond', rates.networkTxPerSecond],
  ];
  for (const [key, v] of copy) if (v !== undefined && Number.isFinite(v)) current[key] = v;
  return current;
}
