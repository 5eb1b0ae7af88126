import type { EngineData } from './engineData';
import type { EngineEvent, ObjectKind } from './engineEvents';
import type { ContainerInfo } from './listings';

type Expectation = 'running' | 'stopped' | 'paused' | 'gone';

const EXPECTED: Record<string, Expectation> = {
  start: 'running',
  restart: 'running',
  unpause: 'running',
  die: 'stopped',
  pause: 'paused',
  destroy: 'gone',
};

/** What the containers list must show after an event, judged by the last event of each container. */
export function containerExpectations(events: readonly EngineEvent[]): Map<string, Expectation> {
  const expected = new Map<string, Expectation>();
  for (const event of events) {
    const id = event.Actor?.ID ?? event.id;
    if (event.Type !== 'container' || !id) continue;
    const state = EXPECTED[event.Action];
    if (state) expected.set(id, state);
  }
  return expected;
}

function reflects(expectation: Expectation, container: ContainerInfo | undefined): boolean {
  switch (expectation) {
    case 'gone':
      return container === undefined;
    case 'running':
      return container?.state === 'running' || container?.state === 'restarting';
    case 'paused':
      return container?.state === 'paused';
    case 'stopped':
      return container !== undefined && container.state !== 'running' && container.state !== 'paused';
  }
}

/** The events whose effect the loaded containers list does not show yet. */
export function unreflectedEvents(events: readonly EngineEvent[], containers: readonly ContainerInfo[]): EngineEvent[] {
  const byId = new Map(containers.map((c) => [c.id, c]));
  const lagging = new Set<string>();
  for (const [id, expectation] of containerExpectations(events)) if (!reflects(expectation, byId.get(id))) lagging.add(id);
  return events.filter((e) => lagging.has(e.Actor?.ID ?? e.id ?? ''));
}

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000];

/**
 * Reloads what events made stale, then checks the containers list shows them: dockerd announces
 * `die` before the list it serves says the container stopped, so a reload right after the event can
 * still say "running", and no later event would correct it. Lagging containers are reloaded a few
 * more times with growing pauses.
 */
export async function refreshForEvents(data: EngineData, kinds: Set<ObjectKind>, events: readonly EngineEvent[], attempt = 0): Promise<void> {
  await data.invalidate(kinds);
  const containers = data.peek('container');
  if (!containers || attempt >= RETRY_DELAYS_MS.length) return;
  const lagging = unreflectedEvents(events, containers);
  if (lagging.length === 0) return;
  await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  await refreshForEvents(data, new Set<ObjectKind>(['container']), lagging, attempt + 1);
}
