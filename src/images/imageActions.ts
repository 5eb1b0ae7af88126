import type { EngineClient } from '../engine/engineClient';
import { containerDisplayName, engineActionError, EngineActionError, usedByText } from '../engine/actionErrors';
import { engineStatusCode } from '../engine/engineErrors';
import { parseImageReference, repositoryName } from './imageReference';

const FULL_IMAGE_ID = /^sha256:[a-f0-9]{64}$/;

/** Names of the containers (running or not) created from an image, given its ID or any reference to it. */
export async function imageUsers(client: EngineClient, imageId: string): Promise<string[]> {
  let id = imageId;
  if (!FULL_IMAGE_ID.test(id)) {
    try {
      id = (await client.inspectImage(imageId)).Id;
    } catch (err) {
      throw engineActionError(err);
    }
  }
  const containers = await client.listContainers({ all: true });
  return containers
    .filter((c) => c.ImageID === id)
    .map((c) => containerDisplayName(c.Names, c.Id))
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Removes an image or one of its tags. When the engine refuses because containers use the image, the
 * error keeps the engine's reason and adds the containers' names, which the engine only gives as IDs.
 */
export async function removeImage(client: EngineClient, idOrTag: string, options: { force: boolean }): Promise<void> {
  // Resolve first: once the engine has untagged part of it, a tag no longer finds the image's users.
  const imageId = await client.inspectImage(idOrTag).then((i) => i.Id, () => undefined);
  try {
    await client.removeImage(idOrTag, { force: options.force });
  } catch (err) {
    if (engineStatusCode(err) === 409 && imageId) {
      const users = await imageUsers(client, imageId).catch(() => []);
      if (users.length > 0) throw engineActionError(err, usedByText(users));
    }
    throw engineActionError(err);
  }
}

/** Adds a tag to an image; the new reference is checked before anything is sent. */
export async function tagImage(client: EngineClient, source: string, target: string): Promise<void> {
  const parsed = parseImageReference(target);
  if (!parsed.ok) throw new EngineActionError(parsed.message);
  if (parsed.ref.digest) throw new EngineActionError(`A tag cannot include a digest: '${target.trim()}'`);
  try {
    await client.tagImage(source, repositoryName(parsed.ref), parsed.ref.tag ?? 'latest');
  } catch (err) {
    throw engineActionError(err);
  }
}
