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

/** Written whole (rename), so the launcher never reads half a file. */
export function writeHostBenchResults<T extends object = HostBenchResults>(file: string, results: T): void {
  fs.writeFileSync(`${file}.partial`, JSON.stringify(results));
  fs.renameSync(`${file}.partial`, file);
}
