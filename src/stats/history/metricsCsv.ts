import type { StoredSample } from './metricsTypes';

export const CSV_HEADER = [
  // The engine's own ID (`/info`): container IDs of two engines may meet in one history. Empty for
  // history recorded before engines were told apart.
  'engine_id',
  'container_id',
  'container_name',
  'timestamp',
  'timestamp_ms',
  'resolution',
  'cpu_percent',
  'memory_used_bytes',
  'memory_limit_bytes',
  'memory_percent',
  'network_rx_bytes',
  'network_tx_bytes',
  'block_read_bytes',
  'block_write_bytes',
  'pids',
] as const;

// RFC 4180: CRLF between records; a field with a comma, quote or line break is wrapped in quotes
// and its quotes doubled.
const EOL = '\r\n';

export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(engineId: string, sample: StoredSample): string {
  return [
    engineId,
    sample.containerId,
    sample.containerName,
    new Date(sample.timestamp).toISOString(),
    sample.timestamp,
    sample.resolution,
    sample.cpuPercent,
    sample.memoryUsedBytes,
    sample.memoryLimitBytes,
    sample.memoryPercent,
    sample.networkRxBytes,
    sample.networkTxBytes,
    sample.blockReadBytes,
    sample.blockWriteBytes,
    sample.pids,
  ]
    .map(csvField)
    .join(',');
}

/** Header plus one line per sample; empty fields where a metric was not reported. */
export function samplesToCsv(groups: Iterable<{ engineId: string; samples: Iterable<StoredSample> }>): string {
  const lines = [CSV_HEADER.join(',')];
  for (const { engineId, samples } of groups) for (const sample of samples) lines.push(csvRow(engineId, sample));
  return lines.join(EOL) + EOL;
}
