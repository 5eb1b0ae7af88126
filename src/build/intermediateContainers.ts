import type { EngineClient } from '../engine/engineClient';
import { Backoff, sleep } from '../engine/backoff';
import { engineStatusCode } from '../engine/engineErrors';
import { isConnectionLoss } from './buildFailure';

/**
 * Follows the classic builder's output for the containers it runs steps in: "Running in <id>"
 * starts one, "Removing intermediate container <id>" is the engine removing it.
 */
export class IntermediateContainers {
  private readonly live = new Set<string>();

  observe(line: string): void {
    const started = /^ ---> Running in ([0-9a-f]{12,64})\b/.exec(line);
    if (started) this.live.add(started[1]);
    const removed = /^Removing intermediate container ([0-9a-f]{12,64})\b/.exec(line);
    if (removed) this.live.delete(removed[1]);
  }

  /** Containers the engine started for this build and was not seen removing. */
  get pending(): string[] {
    return [...this.live];
  }
}

/**
 * Force-removes what an interrupted build left behind (`docker build --force-rm` would have), as
 * soon as the engine answers again: a restarted engine leaves the step's container Exited (137).
 * Gives up after `windowMs`; never rejects. Resolves to the ids removed.
 */
export async function removeIntermediateContainers(client: EngineClient, ids: string[], windowMs: number): Promise<string[]> {
  const removed: string[] = [];
  const deadline = Date.now() + windowMs;
  const backoff = new Backoff(250, 5_000);
  let remaining = [...ids];
  while (remaining.length > 0) {
    const retry: string[] = [];
    for (const id of remaining) {
      try {
        await client.removeContainer(id, { force: true });
        removed.push(id);
      } catch (err) {
        // 404: already gone (the engine cleaned up after all); 409: removal already in progress.
        const status = engineStatusCode(err);
        if (status === 404 || status === 409) continue;
        if (isConnectionLoss(err)) retry.push(id);
      }
    }
    remaining = retry;
    if (remaining.length === 0 || Date.now() >= deadline) break;
    await sleep(Math.min(backoff.next(), Math.max(0, deadline - Date.now())));
  }
  return removed;
}
