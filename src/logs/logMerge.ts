import { type LogLine, renderLogLine, type RenderOptions } from './logLines';

/** A log line tagged with the compose service it came from. */
export interface ServiceLogLine {
  service: string;
  line: LogLine;
}

export interface ServiceLogSource {
  service: string;
  /** In the order the engine sent them (timestamp order). */
  lines: LogLine[];
}

/**
 * Sort key per line: its timestamp, never earlier than the line before it from the same service,
 * so each service keeps its own order even if a clock stepped back, and a line without a
 * timestamp stays with the line before it.
 */
export function monotonicKey(line: LogLine, previous: bigint | undefined): bigint {
  const own = line.timestamp?.nanos;
  if (own === undefined) return previous ?? 0n;
  return previous !== undefined && previous > own ? previous : own;
}

/**
 * Merges complete per-service logs (e.g. a non-following `logs` of a project) into timestamp
 * order. Each source's own order is kept; ties go to the source listed first.
 */
export function mergeServiceLogs(sources: readonly ServiceLogSource[]): ServiceLogLine[] {
  const cursors = sources.map(() => 0);
  const keys: (bigint | undefined)[] = sources.map(() => undefined);
  const total = sources.reduce((sum, s) => sum + s.lines.length, 0);
  const merged: ServiceLogLine[] = [];
  // A linear scan over the sources per line: projects have a handful of services, not thousands.
  while (merged.length < total) {
    let best = -1;
    let bestKey = 0n;
    for (let i = 0; i < sources.length; i++) {
      const line = sources[i].lines[cursors[i]];
      if (!line) continue;
      const key = monotonicKey(line, keys[i]);
      if (best < 0 || key < bestKey) {
        best = i;
        bestKey = key;
      }
    }
    const source = sources[best];
    merged.push({ service: source.service, line: source.lines[cursors[best]] });
    keys[best] = bestKey;
    cursors[best]++;
  }
  return merged;
}

/**
 * Renders `service | message` with service names padded to a common width, the way compose does
 * (`web  | ...`, `db   | ...`). The width grows when a longer name appears.
 */
export class ServiceLineFormatter {
  private width = 0;

  constructor(services: Iterable<string> = []) {
    for (const service of services) this.include(service);
  }

  include(service: string): void {
    this.width = Math.max(this.width, service.length);
  }

  prefix(service: string): string {
    this.include(service);
    return `${service.padEnd(this.width + 1)} | `;
  }

  render(entry: ServiceLogLine, options: RenderOptions): string {
    return this.prefix(entry.service) + renderLogLine(entry.line, options);
  }
}
