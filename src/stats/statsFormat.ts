// Formatting and sorting shared by the stats webviews; pure, so the browser bundle and the unit
// tests use the same code.

import { compareNames } from '../workbench/format';
import type { OverviewRow, TimeRange } from './statsProtocol';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB"; binary units, as `docker stats` shows memory. Missing → "–". */
export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes)) return '–';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number | undefined | null): string {
  return bytesPerSecond === undefined || bytesPerSecond === null || !Number.isFinite(bytesPerSecond) ? '–' : `${formatBytes(bytesPerSecond)}/s`;
}

export function formatPercent(percent: number | undefined | null): string {
  if (percent === undefined || percent === null || !Number.isFinite(percent)) return '–';
  return `${percent.toFixed(percent >= 100 ? 0 : 1)} %`;
}

/** Axis labels: seconds for short ranges, the day for a week. */
export function formatTick(ms: number, range: TimeRange): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (range === 'live') return `${hm}:${two(d.getSeconds())}`;
  if (range === '7d') return `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${hm}`;
  return hm;
}

export type OverviewSortKey = 'name' | 'image' | 'cpuPercent' | 'memoryUsedBytes' | 'memoryPercent';
export const OVERVIEW_SORT_KEYS: readonly OverviewSortKey[] = ['name', 'image', 'cpuPercent', 'memoryUsedBytes', 'memoryPercent'];

/** Sorted copy; rows without a value go last whichever the direction, ties by name. */
export function sortOverviewRows(rows: readonly OverviewRow[], key: OverviewSortKey, descending: boolean): OverviewRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const av = a[key];
    const bv = b[key];
    if (av === undefined || bv === undefined) {
      if (av !== bv) return av === undefined ? 1 : -1;
    } else if (av !== bv) {
      const order = typeof av === 'number' && typeof bv === 'number' ? av - bv : compareNames(String(av), String(bv));
      if (order !== 0) return sign * order;
    }
    return compareNames(a.name, b.name) || compareNames(a.id, b.id);
  });
}

const TICK_STEP_MS: Readonly<Record<TimeRange, number>> = { live: 60_000, '1h': 10 * 60_000, '24h': 3 * 3_600_000, '7d': 86_400_000 };

/**
 * Time axis ticks on round clock times (every minute, 10 minutes, 3 hours, local midnight) between
 * min and max, rather than wherever the window happens to start.
 */
export function timeTicks(minMs: number, maxMs: number, range: TimeRange, timezoneOffsetMinutes = new Date().getTimezoneOffset()): number[] {
  const step = TICK_STEP_MS[range];
  if (!(maxMs > minMs)) return [];
  // Steps of hours or days align to local time, so shift into local time, round, and shift back.
  const shift = step >= 3_600_000 ? -timezoneOffsetMinutes * 60_000 : 0;
  const ticks: number[] = [];
  for (let t = Math.ceil((minMs + shift) / step) * step - shift; t <= maxMs; t += step) ticks.push(t);
  return ticks;
}

/** A y-axis step for byte values: a power of two times a binary unit, about `count` steps up to max. */
export function byteStep(maxBytes: number, count = 4): number {
  if (!(maxBytes > 0) || !Number.isFinite(maxBytes)) return 1;
  const raw = maxBytes / count;
  return 2 ** Math.max(0, Math.ceil(Math.log2(raw)));
}
