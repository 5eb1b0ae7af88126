import type { EngineClient } from './engineClient';

/**
 * The engine's own ID (the `ID` field of `/info`): stable for the life of the engine's data root,
 * different for every engine, so it keys anything that must not mix two engines' objects.
 */
export async function readEngineId(client: EngineClient): Promise<string> {
  const info = (await client.info()) as { ID?: unknown; Name?: unknown };
  if (typeof info.ID === 'string' && info.ID.length > 0) return info.ID;
  // Some engine builds (Podman's compatibility API, old engines) leave ID empty; the host name
  // still tells two machines apart.
  if (typeof info.Name === 'string' && info.Name.length > 0) return `name:${info.Name}`;
  throw new Error('the engine did not report an ID in /info');
}

/** What a user calls the engine: Podman and Docker Desktop answer the same API as Docker Engine. */
export type EngineProduct = 'Docker Engine' | 'Docker Desktop' | 'Podman';

/** Tells the product from the engine's `/version` answer (its platform name and components). */
export function engineProduct(version: { Platform?: { Name?: string }; Components?: { Name?: string }[] }): EngineProduct {
  if ((version.Components ?? []).some((c) => /podman/i.test(c.Name ?? ''))) return 'Podman';
  if (/docker desktop/i.test(version.Platform?.Name ?? '')) return 'Docker Desktop';
  return 'Docker Engine';
}
