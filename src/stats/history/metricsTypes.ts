import type { ContainerSample } from '../statsMath';

/** A sample read back from the history: as recorded, or the average of one minute of samples. */
export interface StoredSample extends ContainerSample {
  resolution: 'raw' | 'minute';
}

export interface StoredContainer {
  /** The engine's own ID (`/info`); '' for history recorded before engines were told apart. */
  engineId: string;
  containerId: string;
  /** The latest name the container was sampled under. */
  containerName: string;
  /** The newest stored sample's time (ms epoch), raw or averaged. */
  lastTimestamp: number | undefined;
}

/** Why open() set an existing history file aside and started an empty one. */
export interface MetricsRecovery {
  reason: 'corrupt' | 'newerSchema';
  /** Where the old file now is; it is kept, never deleted. */
  movedTo: string;
  /** The SQLite error, or the schema versions involved. */
  detail: string;
}

/** A sample's metric fields, in the order the store's columns and the journal's lines hold them. */
export const SAMPLE_FIELDS = [
  'cpuPercent',
  'memoryUsedBytes',
  'memoryLimitBytes',
  'networkRxBytes',
  'networkTxBytes',
  'blockReadBytes',
  'blockWriteBytes',
  'pids',
] as const satisfies ReadonlyArray<keyof ContainerSample>;
