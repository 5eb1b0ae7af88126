import type Docker from 'dockerode';
import { engineActionError, EngineActionError } from '../engine/actionErrors';
import { engineStatusCode } from '../engine/engineErrors';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

/** Runs a lifecycle action; "already started" / "already stopped" (HTTP 304) count as success. */
export async function runContainerAction(docker: Docker, id: string, action: ContainerAction): Promise<void> {
  const container = docker.getContainer(id);
  try {
    switch (action) {
      case 'start':
        await container.start();
        break;
      case 'stop':
        await container.stop();
        break;
      case 'restart':
        await container.restart();
        break;
      case 'pause':
        await container.pause();
        break;
      case 'unpause':
        await container.unpause();
        break;
      case 'kill':
        await container.kill();
        break;
    }
  } catch (err) {
    if (engineStatusCode(err) === 304) return;
    throw engineActionError(err);
  }
}

/** Removes a container; without force the engine refuses a running one and its reason is kept. */
export async function removeContainer(docker: Docker, id: string, options: { force: boolean; removeVolumes?: boolean }): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: options.force, v: options.removeVolumes ?? false });
  } catch (err) {
    throw engineActionError(err);
  }
}

/** The engine's rule for container names: at least two characters, the first a letter or digit. */
export function validateContainerName(name: string): string | undefined {
  const bare = name.trim().replace(/^\//, '');
  if (!bare) return 'Enter a container name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(bare)) {
    return `Container names must be at least 2 characters, start with a letter or digit and contain only letters, digits, '_', '.' and '-': '${name}'`;
  }
  return undefined;
}

export async function renameContainer(docker: Docker, id: string, newName: string): Promise<void> {
  const problem = validateContainerName(newName);
  if (problem) throw new EngineActionError(problem);
  try {
    await docker.getContainer(id).rename({ name: newName.trim().replace(/^\//, '') });
  } catch (err) {
    throw engineActionError(err);
  }
}
