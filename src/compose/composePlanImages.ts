import { ImageIds, imageIdFor } from './composeImages';
import { EngineComposeState } from './composeEngineState';
import { sharedServices } from './composeModelSettings';
import { ComposeProject } from './composeModelTypes';
import { ContainerAction, UpPlan } from './composePlanTypes';

/** A container whose tag now points at another image is recreated, as compose does after a pull or build. */
export function markImageChanges(plan: UpPlan, project: ComposeProject, state: EngineComposeState, ids: ImageIds): void {
  for (const servicePlan of plan.levels.flat()) {
    const current = imageIdFor(ids, project.services[servicePlan.service].image);
    if (current === undefined) continue;
    for (const action of servicePlan.actions) {
      if (action.containerId === undefined || !['noop', 'start', 'restart'].includes(action.kind)) continue;
      const used = state.containerImages.get(action.containerId);
      if (used !== undefined && used !== current) {
        action.kind = 'recreate';
        action.reason = 'image changed';
        action.name = nameFor(project, servicePlan.service, action);
      }
    }
  }
  // Levels run in dependency order, so a sharer sees its service's final decision.
  const recreated = new Set<string>();
  for (const servicePlan of plan.levels.flat()) {
    const from = sharedServices(project.services[servicePlan.service].settings).find((dep) => recreated.has(dep));
    for (const action of servicePlan.actions) {
      if (from === undefined || action.containerId === undefined || !['noop', 'start', 'restart'].includes(action.kind)) continue;
      action.kind = 'recreate';
      action.reason = `"${from}" was recreated and this container shares its namespace or volumes`;
      action.name = nameFor(project, servicePlan.service, action);
    }
    if (servicePlan.actions.some((a) => a.kind === 'recreate')) recreated.add(servicePlan.service);
  }
}

function nameFor(project: ComposeProject, service: string, action: ContainerAction): string {
  return project.services[service].containerName ?? `${project.name}-${service}-${action.number}`;
}
