/** A container as the engine lists it; only what planning needs. */
export interface ExistingContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  /** The engine's state: running, exited, created, paused, restarting, dead. */
  state: string;
}

/** A network or volume that exists on the engine, by name. */
export interface ExistingObject {
  name: string;
  labels?: Record<string, string>;
}

export interface ComposeState {
  containers: ExistingContainer[];
  networks: ExistingObject[];
  volumes: ExistingObject[];
}

export type ContainerActionKind = 'create' | 'recreate' | 'start' | 'restart' | 'noop' | 'remove';

export interface ContainerAction {
  kind: ContainerActionKind;
  number: number;
  /** The name the container has, or gets when created or recreated. */
  name: string;
  /** The existing container acted on; absent for `create`. */
  containerId?: string;
  /** Why, for anything but `create` and `noop`: shown to the user before a deploy. */
  reason?: string;
}

export interface ServicePlan {
  service: string;
  configHash: string;
  replicas: number;
  actions: ContainerAction[];
}

export interface ResourceStep {
  /** The key in the compose file. */
  key: string;
  /** The engine-side name. */
  name: string;
}

export interface UpPlan {
  project: string;
  networksToCreate: ResourceStep[];
  volumesToCreate: ResourceStep[];
  /** Services by dependency level: each level only needs earlier ones, its services can go in parallel. */
  levels: ServicePlan[][];
  /** Containers of the project whose service is no longer in the files; removed only if the user asks. */
  orphans: ExistingContainer[];
  /** What prevents the deploy (missing external objects, cycles); empty when the plan can run. */
  problems: string[];
}

export interface DownPlan {
  project: string;
  /** Containers to stop and remove, in groups: dependents before what they depend on. */
  containers: ExistingContainer[][];
  /** Orphans left in place because removing them was not asked for. */
  keptOrphans: ExistingContainer[];
  networksToRemove: ResourceStep[];
  volumesToRemove: ResourceStep[];
  /** Remove the containers' anonymous volumes with them (`down --volumes`). */
  removeAnonymousVolumes: boolean;
}
