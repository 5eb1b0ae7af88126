import { dependencyLevels, DependencyGraph, withDependencies } from './composeDeps';
import { serviceConfigHash } from './composeHash';
import { containerName, LABEL_CONFIG_HASH, LABEL_CONTAINER_NUMBER, LABEL_ONEOFF, LABEL_PROJECT, LABEL_SERVICE } from './composeLabels';
import { sharedServices } from './composeModelSettings';
import { ComposeProject, ComposeService } from './composeModelTypes';
import { ComposeState, ContainerAction, ExistingContainer, ExistingObject, ResourceStep, ServicePlan, UpPlan } from './composePlanTypes';

export interface UpOptions {
  /** Only these services (and what they depend on); all services when absent. */
  services?: string[];
  /** Recreate containers even when their config is unchanged. */
  forceRecreate?: boolean;
  /** Keep containers whose config changed instead of recreating them. */
  noRecreate?: boolean;
}

const RUNNING_STATES = new Set(['running', 'restarting', 'paused']);

/** What `up` has to do to bring the engine from `state` to the project. Pure: nothing is touched. */
export function planUp(project: ComposeProject, state: ComposeState, options: UpOptions = {}): UpPlan {
  const problems: string[] = [];
  const graph = dependencyGraph(project, problems);
  const selected = options.services ? withDependencies(graph, options.services) : Object.keys(graph);
  for (const name of options.services ?? []) if (!(name in graph)) problems.push(`No service named "${name}" in the project.`);
  const subgraph: DependencyGraph = Object.fromEntries(selected.map((name) => [name, graph[name].filter((dep) => selected.includes(dep))]));
  const { levels, unplaced } = dependencyLevels(subgraph);
  if (unplaced.length > 0) problems.push(`Services ${unplaced.join(', ')} depend on each other in a cycle.`);

  const containers = projectContainers(project.name, state.containers);
  const recreated = new Set<string>();
  const planLevels = levels.map((level) =>
    level.map((name) => {
      const plan = planService(project, project.services[name], containers, options, recreated);
      if (plan.actions.some((action) => action.kind === 'recreate')) recreated.add(name);
      return plan;
    }),
  );
  const services = selected.map((name) => project.services[name]);
  const known = new Set([...Object.keys(project.services), ...project.inactiveServices]);
  return {
    project: project.name,
    networksToCreate: missingNetworks(project, services, state.networks, problems),
    volumesToCreate: missingVolumes(project, services, state.volumes, problems),
    levels: planLevels,
    orphans: containers.filter((container) => !known.has(container.labels[LABEL_SERVICE])),
    problems,
  };
}

/** The project's service containers (one-off `run` containers are not part of a deploy). */
export function projectContainers(projectName: string, containers: ExistingContainer[]): ExistingContainer[] {
  return containers.filter((c) => c.labels[LABEL_PROJECT] === projectName && c.labels[LABEL_ONEOFF] !== 'True');
}

function dependencyGraph(project: ComposeProject, problems: string[]): DependencyGraph {
  const graph: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(project.services)) {
    graph[name] = Object.entries(service.dependsOn).flatMap(([dep, settings]) => {
      if (dep in project.services) return [dep];
      if (settings.required) problems.push(`Service "${name}" depends on "${dep}", which is not in the project or not enabled.`);
      return [];
    });
  }
  return graph;
}

function planService(
  project: ComposeProject,
  service: ComposeService,
  all: ExistingContainer[],
  options: UpOptions,
  recreated: Set<string>,
): ServicePlan {
  const configHash = serviceConfigHash(service);
  const existing = all
    .filter((c) => c.labels[LABEL_SERVICE] === service.name)
    .sort((a, b) => numberOf(a) - numberOf(b));
  const kept = existing.slice(0, service.replicas);
  const restartFor = Object.entries(service.dependsOn).find(([dep, settings]) => settings.restart && recreated.has(dep))?.[0];
  const sharedFrom = sharedServices(service.settings).find((dep) => recreated.has(dep));
  const actions: ContainerAction[] = kept.map((container) => {
    const number = numberOf(container);
    const base = { number, containerId: container.id };
    if (options.forceRecreate) return { kind: 'recreate', ...base, name: containerName(project, service, number), reason: 'recreate forced' };
    if (container.labels[LABEL_CONFIG_HASH] !== configHash && !options.noRecreate) {
      return { kind: 'recreate', ...base, name: containerName(project, service, number), reason: 'configuration changed' };
    }
    // A container in another's namespace (or with its volumes) holds on to the one that was replaced.
    if (sharedFrom !== undefined) return { kind: 'recreate', ...base, name: containerName(project, service, number), reason: `"${sharedFrom}" was recreated and this container shares its namespace or volumes` };
    if (!RUNNING_STATES.has(container.state)) return { kind: 'start', ...base, name: container.name, reason: `container is ${container.state}` };
    if (restartFor !== undefined) return { kind: 'restart', ...base, name: container.name, reason: `dependency "${restartFor}" was recreated` };
    return { kind: 'noop', ...base, name: container.name };
  });
  let next = Math.max(0, ...kept.map(numberOf)) + 1;
  for (let i = kept.length; i < service.replicas; i++, next++) {
    actions.push({ kind: 'create', number: next, name: containerName(project, service, next) });
  }
  for (const container of existing.slice(service.replicas)) {
    actions.push({ kind: 'remove', number: numberOf(container), name: container.name, containerId: container.id, reason: `scaled down to ${service.replicas}` });
  }
  return { service: service.name, configHash, replicas: service.replicas, actions };
}

function numberOf(container: ExistingContainer): number {
  const number = Number(container.labels[LABEL_CONTAINER_NUMBER]);
  return Number.isInteger(number) && number > 0 ? number : Number.MAX_SAFE_INTEGER;
}

function missingNetworks(project: ComposeProject, services: ComposeService[], existing: ExistingObject[], problems: string[]): ResourceStep[] {
  const keys = unique(services.flatMap((service) => Object.keys(service.networks)));
  return missing(keys, project.networks, existing, 'network', problems);
}

function missingVolumes(project: ComposeProject, services: ComposeService[], existing: ExistingObject[], problems: string[]): ResourceStep[] {
  const keys = unique(services.flatMap((service) => service.volumes.flatMap((m) => (m.type === 'volume' && m.source ? [m.source] : []))));
  return missing(keys, project.volumes, existing, 'volume', problems);
}

function missing(
  keys: string[],
  defined: Record<string, { name: string; external: boolean }>,
  existing: ExistingObject[],
  kind: string,
  problems: string[],
): ResourceStep[] {
  const names = new Set(existing.map((object) => object.name));
  const steps: ResourceStep[] = [];
  for (const key of keys) {
    const def = defined[key];
    if (!def) problems.push(`The ${kind} "${key}" is used but not declared.`);
    else if (names.has(def.name)) continue;
    else if (def.external) problems.push(`External ${kind} "${def.name}" does not exist; create it first.`);
    else steps.push({ key, name: def.name });
  }
  return steps;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
