import { dependencyLevels } from './composeDeps';
import { LABEL_NETWORK, LABEL_PROJECT, LABEL_SERVICE, LABEL_VOLUME } from './composeLabels';
import { ComposeProject } from './composeModelTypes';
import { ComposeState, DownPlan, ExistingContainer, ExistingObject, ResourceStep } from './composePlanTypes';

export interface DownOptions {
  /** Also remove the project's named volumes and the containers' anonymous ones; never external volumes. */
  volumes?: boolean;
  /** Also remove containers of services that are no longer in the files. */
  removeOrphans?: boolean;
}

/**
 * What `down` removes. With the project model, containers go in reverse dependency order and the
 * project's own networks and volumes are removed; without it (the files are gone), everything is
 * found through compose's labels.
 */
export function planDown(projectName: string, project: ComposeProject | undefined, state: ComposeState, options: DownOptions = {}): DownPlan {
  const containers = state.containers.filter((c) => c.labels[LABEL_PROJECT] === projectName);
  const plan: DownPlan = {
    project: projectName,
    containers: [],
    keptOrphans: [],
    networksToRemove: [],
    volumesToRemove: [],
    removeAnonymousVolumes: options.volumes === true,
  };
  if (!project) {
    if (containers.length > 0) plan.containers.push(containers);
    plan.networksToRemove = labelled(state.networks, projectName).map((n) => ({ key: n.labels?.[LABEL_NETWORK] ?? n.name, name: n.name }));
    // Compose labels only the volumes it creates, so this never picks up an external volume.
    if (options.volumes) {
      plan.volumesToRemove = labelled(state.volumes, projectName).map((v) => ({ key: v.labels?.[LABEL_VOLUME] ?? v.name, name: v.name }));
    }
    return plan;
  }
  const graph = Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.dependsOn)]));
  const { levels, unplaced } = dependencyLevels(graph);
  const known = new Set([...Object.keys(project.services), ...project.inactiveServices]);
  const orphans = containers.filter((c) => !known.has(c.labels[LABEL_SERVICE]));
  const groups: ExistingContainer[][] = [];
  if (options.removeOrphans && orphans.length > 0) groups.push(orphans);
  else plan.keptOrphans = orphans;
  for (const level of [[...unplaced, ...project.inactiveServices], ...[...levels].reverse()]) {
    const group = containers.filter((c) => level.includes(c.labels[LABEL_SERVICE]));
    if (group.length > 0) groups.push(group);
  }
  plan.containers = groups;
  plan.networksToRemove = existingOwned(project.networks, state.networks);
  if (options.volumes) plan.volumesToRemove = existingOwned(project.volumes, state.volumes);
  return plan;
}

function labelled(objects: ExistingObject[], projectName: string): ExistingObject[] {
  return objects.filter((object) => object.labels?.[LABEL_PROJECT] === projectName);
}

function existingOwned(defined: Record<string, { key: string; name: string; external: boolean }>, existing: ExistingObject[]): ResourceStep[] {
  const names = new Set(existing.map((object) => object.name));
  return Object.values(defined)
    .filter((def) => !def.external && names.has(def.name))
    .map((def) => ({ key: def.key, name: def.name }));
}
