import { ComposeProject, ComposeService } from './composeModelTypes';

export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';
export const LABEL_CONTAINER_NUMBER = 'com.docker.compose.container-number';
export const LABEL_ONEOFF = 'com.docker.compose.oneoff';
export const LABEL_CONFIG_HASH = 'com.docker.compose.config-hash';
export const LABEL_WORKING_DIR = 'com.docker.compose.project.working_dir';
export const LABEL_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const LABEL_VERSION = 'com.docker.compose.version';
export const LABEL_NETWORK = 'com.docker.compose.network';
export const LABEL_VOLUME = 'com.docker.compose.volume';

/**
 * The value Berth writes as com.docker.compose.version. The docker compose CLI only displays it, so a
 * version-like value marked as Berth's keeps compose tooling working and shows who made the object.
 */
export const BERTH_COMPOSE_VERSION = '2.0.0-berth';

/** The labels compose puts on a service's container, after the service's own labels. */
export function containerLabels(project: ComposeProject, service: ComposeService, number: number, configHash: string): Record<string, string> {
  return {
    ...service.labels,
    [LABEL_PROJECT]: project.name,
    [LABEL_SERVICE]: service.name,
    [LABEL_CONTAINER_NUMBER]: String(number),
    [LABEL_ONEOFF]: 'False',
    [LABEL_CONFIG_HASH]: configHash,
    [LABEL_WORKING_DIR]: project.workingDir,
    [LABEL_CONFIG_FILES]: project.configFiles.join(','),
    [LABEL_VERSION]: BERTH_COMPOSE_VERSION,
  };
}

export function networkLabels(project: ComposeProject, key: string): Record<string, string> {
  return { ...project.networks[key]?.labels, [LABEL_PROJECT]: project.name, [LABEL_NETWORK]: key, [LABEL_VERSION]: BERTH_COMPOSE_VERSION };
}

export function volumeLabels(project: ComposeProject, key: string): Record<string, string> {
  return { ...project.volumes[key]?.labels, [LABEL_PROJECT]: project.name, [LABEL_VOLUME]: key, [LABEL_VERSION]: BERTH_COMPOSE_VERSION };
}

/** `<project>-<service>-<n>`, or the service's container_name. */
export function containerName(project: ComposeProject, service: ComposeService, number: number): string {
  return service.containerName ?? `${project.name}-${service.name}-${number}`;
}
