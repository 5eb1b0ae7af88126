import type { EngineClient } from '../engine/engineClient';
import type { ImageInspect } from '../engine/engineTypes';
import { EnvDetail, hasEmbeddedCredentials, isSecretName } from '../containers/containerDetails';

/** One entry of the image's history: the step that made a layer (or only metadata, at size 0). */
export interface ImageLayer {
  /** The instruction as recorded, shell prefix and `#(nop)` removed. */
  createdBy: string;
  /** The whole recorded command, for the tooltip. */
  fullCreatedBy: string;
  size: number;
  /** Seconds since the epoch. */
  created: number;
  comment?: string;
}

export interface ImageDetails {
  id: string;
  /** Newest first, as `docker history` lists them. */
  layers: ImageLayer[];
  exposedPorts: string[];
  env: EnvDetail[];
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  user?: string;
  labels: Record<string, string>;
}

interface HistoryEntry {
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment?: string;
}

/** The image's configuration and history: two requests, made when the user expands the image. */
export async function loadImageDetails(client: EngineClient, id: string): Promise<ImageDetails> {
  const [inspect, history] = await Promise.all([client.inspectImage(id), client.imageHistory(id)]);
  return imageDetails(inspect, history);
}

/** What the Images view shows under an image, from its inspect and history answers. */
export function imageDetails(inspect: ImageInspect, history: HistoryEntry[]): ImageDetails {
  const config = inspect.Config ?? ({} as ImageInspect['Config']);
  const details: ImageDetails = {
    id: inspect.Id,
    layers: history.map((h) => ({
      createdBy: shortCreatedBy(h.CreatedBy ?? ''),
      fullCreatedBy: h.CreatedBy ?? '',
      size: h.Size ?? 0,
      created: h.Created ?? 0,
      ...(h.Comment ? { comment: h.Comment } : {}),
    })),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(comparePorts),
    env: (config.Env ?? []).map(envDetail),
    labels: config.Labels ?? {},
  };
  const entrypoint = asList(config.Entrypoint);
  const cmd = asList(config.Cmd);
  if (entrypoint) details.entrypoint = entrypoint;
  if (cmd) details.cmd = cmd;
  if (config.WorkingDir) details.workingDir = config.WorkingDir;
  if (config.User) details.user = config.User;
  return details;
}

/**
 * The instruction a history entry records, readable: the classic builder stores `/bin/sh -c #(nop)  ENV A=1`
 * for metadata steps and `/bin/sh -c apt-get ...` for RUN; BuildKit stores `RUN /bin/sh -c ... # buildkit`.
 */
export function shortCreatedBy(createdBy: string): string {
  let text = createdBy.replace(/\s+/g, ' ').trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/.exec(text);
  if (nop) return nop[1].trim();
  text = text.replace(/ # buildkit$/, '');
  // A RUN with build args is recorded as "|2 A=1 B=two words /bin/sh -c cmd": values may hold spaces.
  const run = /^(?:\|\d+ .*? )?\/bin\/sh -c (.*)$/.exec(text);
  if (run) return `RUN ${run[1]}`;
  return text;
}

function envDetail(entry: string): EnvDetail {
  const eq = entry.indexOf('=');
  const name = eq >= 0 ? entry.slice(0, eq) : entry;
  const value = eq >= 0 ? entry.slice(eq + 1) : '';
  return { name, value, secret: isSecretName(name) || hasEmbeddedCredentials(value) };
}

function asList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.length > 0 ? value.map(String) : undefined;
  return typeof value === 'string' && value !== '' ? [value] : undefined;
}

function comparePorts(a: string, b: string): number {
  return parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
}
