import type { EngineClient } from '../engine/engineClient';
import { abortError } from '../engine/actionErrors';
import { engineErrorMessage } from '../engine/engineErrors';
import { ignoreMissing, stopAndRemove } from './composeContainerOps';
import { runPreStopHooks } from './composeHooks';
import { planDown, DownOptions } from './composeDownPlan';
import { readComposeState } from './composeEngineState';
import { ComposeProject } from './composeModelTypes';
import { DownPlan, ExistingContainer } from './composePlanTypes';
import { ComposeApplyError, ComposeProgressListener } from './composeProgress';

export interface ApplyDownOptions extends DownOptions {
  signal?: AbortSignal;
  onProgress?: ComposeProgressListener;
  stopTimeoutSeconds?: number;
}

/**
 * `down`: containers in reverse dependency order, then the project's networks, then (only when asked)
 * its volumes. External networks and volumes are never in the plan.
 */
export async function applyDown(client: EngineClient, projectName: string, project: ComposeProject | undefined, options: ApplyDownOptions = {}): Promise<DownPlan> {
  const report = options.onProgress ?? ((): void => undefined);
  const stopTimeout = options.stopTimeoutSeconds;
  const state = await readComposeState(client, projectName);
  const plan = planDown(projectName, project, state, options);
  const fail = (what: string, err: unknown): never => {
    throw new ComposeApplyError(`${what}: ${engineErrorMessage(err)}`);
  };
  for (const group of plan.containers) {
    if (options.signal?.aborted) throw abortError('Down was cancelled.');
    await Promise.all(
      group.map(async (container) => {
        report({ service: container.labels['com.docker.compose.service'], step: 'remove', message: `Stopping and removing ${container.name}` });
        await runPreStopHooks(client, project?.services[container.labels['com.docker.compose.service']], container.id, report).catch((err: unknown) => fail(`Stopping ${container.name}`, err));
        await stopAndRemove(client, container.id, stopTimeout, plan.removeAnonymousVolumes).catch((err: unknown) => fail(`Removing ${container.name}`, err));
      }),
    );
  }
  for (const network of plan.networksToRemove) {
    report({ step: 'network', message: `Removing network ${network.name}` });
    await ignoreMissing(client.removeNetwork(network.name)).catch((err: unknown) => fail(`Removing network ${network.name}`, err));
  }
  for (const volume of plan.volumesToRemove) {
    report({ step: 'volume', message: `Removing volume ${volume.name}` });
    await ignoreMissing(client.removeVolume(volume.name)).catch((err: unknown) => fail(`Removing volume ${volume.name}`, err));
  }
  return plan;
}

/** Removes orphan containers (services no longer in the files) after the user agreed. */
export async function removeOrphans(client: EngineClient, orphans: ExistingContainer[], options: { onProgress?: ComposeProgressListener; stopTimeoutSeconds?: number } = {}): Promise<void> {
  await Promise.all(
    orphans.map(async (container) => {
      options.onProgress?.({ service: container.labels['com.docker.compose.service'], step: 'remove', message: `Removing orphan ${container.name}` });
      await stopAndRemove(client, container.id, options.stopTimeoutSeconds, false);
    }),
  );
}
