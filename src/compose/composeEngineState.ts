import type { EngineClient } from '../engine/engineClient';
import { LABEL_PROJECT, LABEL_SERVICE } from './composeLabels';
import { ComposeProject } from './composeModelTypes';
import { projectContainers } from './composePlan';
import { ComposeState } from './composePlanTypes';

/** The engine's view of a project, plus what planning alone does not need (image ids). */
export interface EngineComposeState extends ComposeState {
  /** Container id -> the image id it was created from. */
  containerImages: Map<string, string>;
}

/**
 * Reads the project's containers (by compose's project label) and every network and volume: external
 * ones must be found by name, and the three listings together are cheap enough for a no-op redeploy.
 */
export async function readComposeState(client: EngineClient, projectName: string): Promise<EngineComposeState> {
  const filters = { label: [`${LABEL_PROJECT}=${projectName}`] };
  const [containers, networks, volumes] = await Promise.all([
    client.listContainers({ all: true, filters }),
    client.listNetworks(),
    client.listVolumes(),
  ]);
  return {
    containers: containers.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
      labels: c.Labels ?? {},
      state: c.State,
    })),
    containerImages: new Map(containers.map((c) => [c.Id, c.ImageID])),
    networks: networks.map((n) => ({ name: n.Name, labels: n.Labels ?? {} })),
    volumes: volumes.map((v) => ({ name: v.Name, labels: (v.Labels as Record<string, string> | null) ?? {} })),
  };
}

export interface ServiceStatus {
  running: number;
  /** Containers that exist for the service, whatever their state. */
  existing: number;
  /** What the file asks for. */
  wanted: number;
}

export interface ProjectStatus {
  running: number;
  wanted: number;
  services: Record<string, ServiceStatus>;
}

/** How many of each service's containers run, for "3/4 running". */
export function projectStatus(project: ComposeProject, state: ComposeState): ProjectStatus {
  const containers = projectContainers(project.name, state.containers);
  const services: Record<string, ServiceStatus> = {};
  let running = 0;
  let wanted = 0;
  for (const service of Object.values(project.services)) {
    const own = containers.filter((c) => c.labels[LABEL_SERVICE] === service.name);
    const status = { running: own.filter((c) => c.state === 'running').length, existing: own.length, wanted: service.replicas };
    services[service.name] = status;
    running += Math.min(status.running, status.wanted);
    wanted += status.wanted;
  }
  return { running, wanted, services };
}
