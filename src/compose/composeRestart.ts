import type { EngineClient } from '../engine/engineClient';
import { dependencyLevels } from './composeDeps';
import { LABEL_SERVICE } from './composeLabels';
import { readComposeState } from './composeEngineState';
import { ComposeProject } from './composeModelTypes';
import { projectContainers } from './composePlan';
import { ComposeProgressListener } from './composeProgress';

/** `restart`: the project's existing containers, level by level so dependencies come back first. */
export async function applyRestart(
  client: EngineClient,
  project: ComposeProject,
  options: { onProgress?: ComposeProgressListener; stopTimeoutSeconds?: number; services?: string[] } = {},
): Promise<number> {
  const state = await readComposeState(client, project.name);
  const containers = projectContainers(project.name, state.containers);
  const graph = Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.dependsOn).filter((d) => d in project.services)]));
  const { levels, unplaced } = dependencyLevels(graph);
  let count = 0;
  for (const level of [...levels, unplaced]) {
    const group = containers.filter((c) => level.includes(c.labels[LABEL_SERVICE]) && (!options.services || options.services.includes(c.labels[LABEL_SERVICE])));
    await Promise.all(
      group.map(async (container) => {
        options.onProgress?.({ service: container.labels[LABEL_SERVICE], step: 'restart', message: `Restarting ${container.name}` });
        await client.restartContainer(container.id, options.stopTimeoutSeconds);
        count++;
      }),
    );
  }
  return count;
}
