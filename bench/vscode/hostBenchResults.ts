import * as fs from 'node:fs';

// The extension-host side of the views benchmark writes its measurements here; the bench runner reads them.

export const HOST_BENCH_RESULTS_ENV = 'BERTH_HOST_BENCH_RESULTS';

export interface HostBenchResults {
  /** ms from the raw `start` event's arrival to the Containers view showing the container running. */
  eventToViewMs: number[];
  /** ms from issuing the external `docker start` to the raw event's arrival. */
  startToEventMs: number[];
  /** ms to build every tree item of the Containers view with 500 containers in 25 projects (list request included). */
  treeBuildMs: number[];
  /** ms for the raw GET /containers/json over the socket, parsed, in the same host. */
  rawListMs: number[];
  containersListed: number;
  treeItems: number;
}

export function writeHostBenchResults(file: string, results: HostBenchResults): void {
  fs.writeFileSync(`${file}.partial`, JSON.stringify(results));
  fs.renameSync(`${file}.partial`, file);
}

export function readHostBenchResults(file: string): HostBenchResults {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HostBenchResults;
}
