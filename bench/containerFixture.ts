import type Docker from 'dockerode';
import { TEST_IMAGE, TEST_LABELS } from '../test/support/engineHarness';

/** The label only this run's objects carry: other sessions share the engine and their berth.test=1 objects are not ours. */
export const RUN_LABEL = 'berth.bench.run';

export interface ContainerFixture {
  total: number;
  running: number;
  /** The value of RUN_LABEL on every container of this run. */
  runId: string;
}

/**
 * Runs `task` over 0..count-1 with at most `concurrency` in flight. It stops handing out work once
 * `stop()` says so or a task fails, and settles only when no task is left running, so a caller that
 * cleans up afterwards sees everything that was created.
 */
async function pool(count: number, concurrency: number, stop: () => boolean, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < count && !stop() && !failure) {
      try {
        await task(next++);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure) throw failure.error;
}

/**
 * The containers the benchmarks list: labelled berth.test=1 like every test object, plus this run's own
 * label so removal never touches what another session created.
 */
export class ContainerFixtures {
  private creating: Promise<ContainerFixture> | undefined;
  private removal: Promise<number> | undefined;
  private stopping = false;

  constructor(
    private readonly docker: Docker,
    readonly runId: string,
    private readonly log: (message: string) => void,
    // dockerd does the work; beyond a few parallel creates a 2-core machine only queues them.
    private readonly concurrency = 8,
  ) {}

  get labels(): Record<string, string> {
    return { ...TEST_LABELS, [RUN_LABEL]: this.runId };
  }

  /** Creates `total` containers once, of which the first `running` run `sleep 3600`; the rest stay created. */
  ensure(total: number, running: number): Promise<ContainerFixture> {
    this.creating ??= this.create(total, running);
    return this.creating;
  }

  /** Removes everything this run created; safe to call twice (finally block and signal handler). */
  remove(): Promise<number> {
    this.stopping = true;
    this.removal ??= this.removeAll();
    return this.removal;
  }

  private async create(total: number, running: number): Promise<ContainerFixture> {
    this.log(`creating ${total} containers (${running} running), labelled ${RUN_LABEL}=${this.runId}`);
    const started = Date.now();
    let created = 0;
    await pool(total, this.concurrency, () => this.stopping, async (index) => {
      const container = await this.docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sleep', '3600'],
        name: `berth-bench-${this.runId}-${String(index).padStart(3, '0')}`,
        Labels: this.labels,
      });
      created++;
      if (index < running) await container.start();
      if (created % 100 === 0) this.log(`  created ${created}/${total} containers`);
    });
    if (this.stopping) throw new Error('interrupted while creating containers');
    this.log(`  ${total} containers (${running} running) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { total, running, runId: this.runId };
  }

  private async removeAll(): Promise<number> {
    // Creates already in flight finish first, so the listing below sees them.
    await this.creating?.catch(() => undefined);
    const filters = JSON.stringify({ label: [`${RUN_LABEL}=${this.runId}`] });
    const containers = await this.docker.listContainers({ all: true, filters });
    if (containers.length === 0) return 0;
    const started = Date.now();
    let failures = 0;
    await pool(containers.length, this.concurrency, () => false, async (index) => {
      await this.docker
        .getContainer(containers[index].Id)
        .remove({ force: true, v: true })
        .catch(() => {
          failures++;
        });
    });
    this.log(`  removed ${containers.length - failures} containers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failures > 0) throw new Error(`${failures} containers labelled ${RUN_LABEL}=${this.runId} could not be removed`);
    return containers.length;
  }
}
