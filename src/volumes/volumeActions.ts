import type { EngineClient } from '../engine/engineClient';
import { containerDisplayName, engineActionError, EngineActionError, usedByText } from '../engine/actionErrors';
import { engineStatusCode } from '../engine/engineErrors';
import { splitAssignments } from '../containers/assignments';

/** The local driver's rule for volume names (the engine's own wording is less direct). */
export function validateVolumeName(name: string): string | undefined {
  if (!name.trim()) return 'Enter a volume name.';
  if (name.length < 2 || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    return `Volume names must be at least 2 characters, start with a letter or digit and contain only letters, digits, '_', '.' and '-': '${name}'`;
  }
  return undefined;
}

/** Labels written as "a=b, c=d" (commas or new lines between them; "key" alone means an empty value). */
export function parseLabels(text: string): { ok: true; labels: Record<string, string> } | { ok: false; message: string } {
  const labels: Record<string, string> = {};
  for (const entry of splitAssignments(text)) {
    const eq = entry.indexOf('=');
    const key = (eq >= 0 ? entry.slice(0, eq) : entry).trim();
    const value = eq >= 0 ? entry.slice(eq + 1).trim() : '';
    if (!key) return { ok: false, message: `A label needs a name before '=': '${entry}'` };
    if (/\s/.test(key)) return { ok: false, message: `Label names cannot contain spaces: '${key}'` };
    if (key in labels) return { ok: false, message: `The label '${key}' is given twice.` };
    labels[key] = value;
  }
  return { ok: true, labels };
}

/** Creates a volume; an invalid name for the local driver is refused here, never sent. */
export async function createVolume(client: EngineClient, options: { name: string; driver?: string; labels?: Record<string, string> }): Promise<void> {
  const driver = options.driver?.trim() || 'local';
  // Other drivers have their own naming rules; the engine checks those.
  if (driver === 'local') {
    const problem = validateVolumeName(options.name);
    if (problem) throw new EngineActionError(problem);
  } else if (!options.name.trim()) {
    throw new EngineActionError('Enter a volume name.');
  }
  try {
    await client.createVolume({ Name: options.name, Driver: driver, Labels: options.labels ?? {} });
  } catch (err) {
    throw engineActionError(err);
  }
}

/** Names of the containers (running or not) that mount a volume. */
export async function volumeUsers(client: EngineClient, name: string): Promise<string[]> {
  const containers = await client.listContainers({ all: true, filters: { volume: [name] } });
  return containers
    .filter((c) => (c.Mounts ?? []).some((m) => m.Name === name))
    .map((c) => containerDisplayName(c.Names, c.Id))
    .sort((a, b) => a.localeCompare(b));
}

/** Removes a volume; when it is in use the error names the containers, not just their IDs. */
export async function removeVolume(client: EngineClient, name: string, options: { force: boolean }): Promise<void> {
  try {
    await client.removeVolume(name, { force: options.force });
  } catch (err) {
    if (engineStatusCode(err) === 409) {
      const users = await volumeUsers(client, name).catch(() => []);
      if (users.length > 0) throw engineActionError(err, usedByText(users));
    }
    throw engineActionError(err);
  }
}
