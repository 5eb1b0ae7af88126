import type Docker from 'dockerode';
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

export async function stopAndRemove(docker: Docker, id: string, stopTimeoutSeconds: number, removeVolumes: boolean): Promise<void> {
  const container = docker.getContainer(id);
  await ignoreMissing(ignoreNotModified(container.stop({ t: stopTimeoutSeconds })));
  await ignoreMissing(container.remove({ force: true, v: removeVolumes }));
}
