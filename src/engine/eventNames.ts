// Podman's Docker-compatible API reports a removed container as "remove" (Docker: "destroy") and
// filters events by its own names, so `event=die` matches nothing there ("died"). Docker ignores
// names it does not know, so asking for both is safe on either engine.
const PODMAN_NAMES: Record<string, string> = { die: 'died', destroy: 'remove' };
const DOCKER_NAMES: Record<string, string> = { remove: 'destroy', died: 'die' };

/** The event names to put in an `event` filter so that Docker and Podman both match them. */
export function eventFilterNames(actions: readonly string[]): string[] {
  return [...new Set(actions.flatMap((a) => (PODMAN_NAMES[a] ? [a, PODMAN_NAMES[a]] : [a])))];
}

/** Docker's name for a container event action, whichever engine sent it. */
export function dockerEventName(action: string): string {
  return DOCKER_NAMES[action] ?? action;
}
