import type { EngineClient } from '../engine/engineClient';
import { engineStatusCode } from '../engine/engineErrors';

/** 304 means the container already is where we want it; anything else is a real failure. */
export async function ignoreNotModified(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (engineStatusCode(err) !== 304) throw err;
  }
}

/** 404 while removing means someone else removed it first, which is what we wanted. */
export async function ignoreMissing(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (engineStatusCode(err) !== 404) throw err;
  }
}

/**
 * Without a timeout the engine waits the container's own StopTimeout, which a deploy sets from the
 * service's stop_grace_period (10 s when unset), as compose stops each service after its own period.
 */
export async function stopAndRemove(client: EngineClient, id: string, stopTimeoutSeconds: number | undefined, removeVolumes: boolean): Promise<void> {
  await ignoreMissing(ignoreNotModified(client.stopContainer(id, stopTimeoutSeconds)));
  await ignoreMissing(client.removeContainer(id, { force: true, removeVolumes }));
}
