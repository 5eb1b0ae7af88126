import type { EngineClient } from '../engine/engineClient';
import { engineActionError, EngineActionError } from '../engine/actionErrors';
import { engineStatusCode } from '../engine/engineErrors';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

/** Runs a lifecycle action; "already started" / "already stopped" (HTTP 304) count as success. */
export async function runContainerAction(client: EngineClient, id: string, action: ContainerAction): Promise<void> {
  try {
    switch (action) {
      case 'start':
        await client.startContainer(id);
        break;
      case 'stop':
        await client.stopContainer(id);
        break;
      case 'restart':
        await client.restartContainer(id);
        break;
      case 'pause':
        await client.pauseContainer(id);
        break;
      case 'unpause':
        await client.unpauseContainer(id);
        break;
      case 'kill':
        await client.killContainer(id);
        break;
    }
  } catch (err) {
    if (engineStatusCode(err) === 304) return;
    throw engineActionError(err);
  }
}

/** Removes a container; without force the engine refuses a running one and its reason is kept. */
export async function removeContainer(client: EngineClient, id: string, options: { force: boolean; removeVolumes?: boolean }): Promise<void> {
  try {
    await client.removeContainer(id, { force: options.force, removeVolumes: options.removeVolumes ?? false });
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

export async function renameContainer(client: EngineClient, id: string, newName: string): Promise<void> {
  const problem = validateContainerName(newName);
  if (problem) throw new EngineActionError(problem);
  try {
    await client.renameContainer(id, newName.trim().replace(/^\//, ''));
  } catch (err) {
    throw engineActionError(err);
  }
}
