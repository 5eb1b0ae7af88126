import type { ContainerSample } from './statsMath';

/** A cumulative byte counter read at a point in time (ms epoch). */
export interface CounterReading {
  timestamp: number;
  value: number | undefined;
}

/**
 * Bytes per second between two readings of a cumulative counter. Undefined when either value is
 * missing, time did not advance, or the counter went down (the container restarted or an
 * interface went away, so the difference says nothing about traffic).
 */
export function bytesPerSecond(previous: CounterReading | undefined, current: CounterReading): number | undefined {
  if (previous === undefined || previous.value === undefined || current.value === undefined) return undefined;
  const elapsedMs = current.timestamp - previous.timestamp;
  if (!Number.isFinite(elapsedMs) || elapsedMs <= 0) return undefined;
  const delta = current.value - previous.value;
  if (!Number.isFinite(delta) || delta < 0) return undefined;
  return delta / (elapsedMs / 1000);
}

export interface SampleRates {
  networkRxPerSecond?: number;
  networkTxPerSecond?: number;
  blockReadPerSecond?: number;
  blockWritePerSecond?: number;
}

/** Network and block I/O rates between two samples of the same container. */
export function sampleRates(previous: ContainerSample | undefined, current: ContainerSample): SampleRates {
  const rate = (pick: (s: ContainerSample) => number | undefined): number | undefined =>
    previous === undefined
      ? undefined
      : bytesPerSecond({ timestamp: previous.timestamp, value: pick(previous) }, { timestamp: current.timestamp, value: pick(current) });
  const rates: SampleRates = {};
  const rx = rate((s) => s.networkRxBytes);
  const tx = rate((s) => s.networkTxBytes);
  const read = rate((s) => s.blockReadBytes);
  const write = rate((s) => s.blockWriteBytes);
  if (rx !== undefined) rates.networkRxPerSecond = rx;
  if (tx !== undefined) rates.networkTxPerSecond = tx;
  if (read !== undefined) rates.blockReadPerSecond = read;
  if (write !== undefined) rates.blockWritePerSecond = write;
  return rates;
}
