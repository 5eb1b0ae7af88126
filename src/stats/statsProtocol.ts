// The messages between the stats webviews and the extension host. Both sides import this module
// (the browser bundle too), so it may import nothing from vscode or node; types from the vscode-free engine layer are fine.
import type { ContainerSample } from './statsMath';

export const STATS_PANEL_VIEW_TYPE = 'berth.stats';
export const STATS_OVERVIEW_VIEW_TYPE = 'berth.statsOverview';

export const TIME_RANGES = ['live', '1h', '24h', '7d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/** How far back each range reaches. */
export const RANGE_MS: Readonly<Record<TimeRange, number>> = {
  live: 5 * 60_000,
  '1h': 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

export const RANGE_LABELS: Readonly<Record<TimeRange, string>> = {
  live: 'Live (5 min)',
  '1h': '1 hour',
  '24h': '24 hours',
  '7d': '7 days',
};

/** One chart x-position; null draws a gap (no sample, or a value the engine did not report). */
export interface ChartPoint {
  t: number;
  cpu: number | null;
  memUsed: number | null;
  memLimit: number | null;
  rxRate: number | null;
  txRate: number | null;
  readRate: number | null;
  writeRate: number | null;
}

/** The header's figures: the newest sample and the rates against the one before it. */
export interface CurrentValues
  extends Pick<ContainerSample, 'timestamp' | 'cpuPercent' | 'memoryUsedBytes' | 'memoryLimitBytes' | 'memoryPercent' | 'networkRxBytes' | 'networkTxBytes'> {
  rxPerSecond?: number;
  txPerSecond?: number;
}

export interface ContainerHeader {
  id: string;
  name: string;
  image: string;
  state: string;
  composeProject?: string;
  composeService?: string;
  /**
   * Whether the container has a memory limit (HostConfig.Memory > 0). Without one the engine reports
   * the host's memory as the limit, which the memory chart then leaves out so usage is not flattened.
   */
  memoryLimited?: boolean;
}

export interface OverviewRow {
  id: string;
  name: string;
  image: string;
  cpuPercent?: number;
  memoryUsedBytes?: number;
  memoryLimitBytes?: number;
  memoryPercent?: number;
}

export type HostToPanelMessage =
  | { type: 'header'; header: ContainerHeader }
  | { type: 'series'; range: TimeRange; points: ChartPoint[]; current?: CurrentValues; recording: boolean; note?: string }
  | { type: 'append'; points: ChartPoint[]; current?: CurrentValues }
  | { type: 'overview'; rows: OverviewRow[]; recording: boolean; note?: string; recordedBy?: string };

export type PanelToHostMessage = { type: 'ready' } | { type: 'range'; range: TimeRange } | { type: 'open'; containerId: string };

/** What a stats panel keeps across reloads (vscode.setState in the webview, the serializer on the host). */
export interface StatsPanelState {
  containerId: string;
  range: TimeRange;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isTimeRange(value: unknown): value is TimeRange {
  return typeof value === 'string' && (TIME_RANGES as readonly string[]).includes(value);
}

/** The host trusts nothing the webview sends: anything not exactly one of these shapes is dropped. */
export function isPanelToHostMessage(value: unknown): value is PanelToHostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'range':
      return isTimeRange(value.range);
    case 'open':
      return typeof value.containerId === 'string' && /^[0-9a-f]{12,64}$/i.test(value.containerId);
    default:
      return false;
  }
}

export function isStatsPanelState(value: unknown): value is StatsPanelState {
  return isRecord(value) && typeof value.containerId === 'string' && value.containerId.length > 0 && isTimeRange(value.range);
}

export function isHostToPanelMessage(value: unknown): value is HostToPanelMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'header':
      return isRecord(value.header) && typeof value.header.id === 'string' && typeof value.header.name === 'string';
    case 'series':
      return isTimeRange(value.range) && Array.isArray(value.points) && typeof value.recording === 'boolean';
    case 'append':
      return Array.isArray(value.points);
    case 'overview':
      return Array.isArray(value.rows) && typeof value.recording === 'boolean';
    default:
      return false;
  }
}
