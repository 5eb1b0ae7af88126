import Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable, Writable } from 'node:stream';
import type { ResolvedEndpoint } from './endpoint';
import { dialModem, type DialRequest } from './engineDial';
import { openLogsRequest } from './engineStream';
import { engineErrorMessage, engineStatusCode } from './engineErrors';
import type * as T from './engineTypes';
import { SshAgent } from './sshAgent';

/** The engine's filters as the query string wants them. */
function filtersParam(filters: T.EngineFilters | undefined): string | undefined {
  return filters ? JSON.stringify(filters) : undefined;
}

/** The query without its undefined entries (docker-modem would send "undefined"). */
function defined<Q extends object>(query: Q): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/**
 * Berth's one way to talk to an engine: every request Berth makes is a method here, so the
 * transport (dockerode over a socket, TLS or SshAgent's shared SSH connection; the raw HTTP/1.0
 * reader for log streams) stays inside src/engine. Errors are the transport's, carrying the
 * engine's message and status code for engineErrors.ts to read.
 */
export class EngineClient {
  private readonly docker: Docker;
  private readonly agent: SshAgent | undefined;

  constructor(readonly endpoint: ResolvedEndpoint) {
    if (!endpoint.ssh) {
      this.docker = new Docker(endpoint.options);
      return;
    }
    // ssh:// goes through SshAgent (one SSH connection for many requests, known_hosts checked)
    // instead of docker-modem's own ssh support, which connects anew per request and accepts any key.
    this.agent = new SshAgent(endpoint.ssh);
    // docker-modem takes an agent; dockerode's option types leave it out.
    this.docker = new Docker({ protocol: 'http', host: endpoint.ssh.host, port: endpoint.ssh.port, agent: this.agent } as Docker.DockerOptions);
  }

  /** Closes what the client holds open (SSH connections); requests in flight fail. */
  dispose(): void {
    this.agent?.destroy();
  }

  // System

  async ping(signal?: AbortSignal): Promise<void> {
    // As for /version: dockerode passes abortSignal on; its typings only admit a callback.
    const ask = this.docker.ping as unknown as (opts: { abortSignal?: AbortSignal }) => Promise<unknown>;
    await ask.call(this.docker, { abortSignal: signal });
  }

  version(signal?: AbortSignal): Promise<T.EngineVersion> {
    // dockerode passes abortSignal on for /version too; its typings only admit a callback.
    const ask = this.docker.version as unknown as (opts: { abortSignal?: AbortSignal }) => Promise<T.EngineVersion>;
    return ask.call(this.docker, { abortSignal: signal });
  }

  info(): Promise<T.EngineInfo> {
    return this.docker.info() as Promise<T.EngineInfo>;
  }

  diskUsage(): Promise<T.DiskUsage> {
    return this.docker.df() as Promise<T.DiskUsage>;
  }

  /** The engine's newline-delimited JSON event stream; read it with EventLineParser or LineSplitter. */
  async events(query: T.EventsQuery = {}, signal?: AbortSignal): Promise<Readable> {
    // The engine takes "<seconds>.<nanoseconds>" strings for since/until; the typings only admit numbers.
    const options = defined({ filters: query.filters, since: query.since, until: query.until, abortSignal: signal }) as Docker.GetEventsOptions;
    return (await this.docker.getEvents(options)) as unknown as Readable;
  }

  // Containers

  listContainers(query: T.ListContainersQuery = {}): Promise<T.ContainerSummary[]> {
    return this.docker.listContainers(defined({ all: query.all, size: query.size, filters: filtersParam(query.filters) }));
  }

  inspectContainer(id: string, signal?: AbortSignal): Promise<T.ContainerInspect> {
    return this.docker.getContainer(id).inspect(signal ? { abortSignal: signal } : {});
  }

  /** Creates a container and resolves with its ID. */
  async createContainer(spec: T.ContainerCreateSpec): Promise<string> {
    return (await this.docker.createContainer(spec)).id;
  }

  async startContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  /** `timeoutSeconds` before the engine kills it; the container's own default when undefined. */
  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  }

  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  }

  async killContainer(id: string, signal?: string): Promise<void> {
    await this.docker.getContainer(id).kill(signal ? { signal } : {});
  }

  async pauseContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).pause();
  }

  async unpauseContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).unpause();
  }

  async removeContainer(id: string, options: { force?: boolean; removeVolumes?: boolean } = {}): Promise<void> {
    await this.docker.getContainer(id).remove({ force: options.force ?? false, v: options.removeVolumes ?? false });
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.docker.getContainer(id).rename({ name });
  }

  /** One stats reading (with `one-shot`, without the engine's second of waiting for a CPU delta). */
  containerStats(id: string, query: T.StatsQuery, signal?: AbortSignal): Promise<T.ContainerStats> {
    // A fresh options object per call: docker-modem deletes abortSignal from the one it is given.
    return this.docker.getContainer(id).stats({ ...query, stream: false, abortSignal: signal } as { stream?: false });
  }

  /** A container's logs up to now, whole: for small reads (a tail, a gap), as the engine frames them. */
  async containerLogs(id: string, query: Omit<T.LogsQuery, 'follow'>, signal?: AbortSignal): Promise<Buffer> {
    const options = { ...defined(query), follow: false, abortSignal: signal } as Docker.ContainerLogsOptions & { follow: false };
    return (await this.docker.getContainer(id).logs(options)) as unknown as Buffer;
  }

  /**
   * A container's logs as a stream (following or not): over a raw HTTP/1.0 request when the engine is
   * a local socket or plain TCP (Node's chunked reading costs a 'data' event per log line), else
   * through dockerode's own streamed request.
   */
  openLogs(id: string, query: T.LogsQuery, signal?: AbortSignal): Promise<Readable> {
    const viaModem = (): Promise<Readable> => this.dial({ path: `/containers/${encodeURIComponent(id)}/logs?`, method: 'GET', isStream: true, options: defined(query), signal });
    return openLogsRequest(this.endpoint.options, id, defined(query) as Record<string, string | number | boolean>, viaModem, signal);
  }

  // Exec

  /** Creates an exec instance and resolves with its ID. */
  async createExec(containerId: string, spec: T.ExecCreateSpec): Promise<string> {
    return (await this.docker.getContainer(containerId).exec(spec)).id;
  }

  /** Starts an exec; the stream carries its output (multiplexed unless `tty`) and, with `stdin`, takes input. */
  async startExec(execId: string, options: { stdin?: boolean; tty?: boolean } = {}): Promise<Duplex> {
    const exec = this.docker.getExec(execId);
    return (await exec.start({ hijack: true, stdin: options.stdin ?? false, Tty: options.tty ?? false })) as Duplex;
  }

  inspectExec(execId: string): Promise<T.ExecInspect> {
    return this.docker.getExec(execId).inspect();
  }

  async resizeExec(execId: string, size: { cols: number; rows: number }): Promise<void> {
    await this.docker.getExec(execId).resize({ h: size.rows, w: size.cols });
  }

  /** Splits a multiplexed (non-TTY) stream into its stdout and stderr. */
  demuxStream(stream: Readable, stdout: Writable, stderr: Writable): void {
    this.docker.modem.demuxStream(stream, stdout, stderr);
  }

  // Files

  /** A tar stream of `path` in the container (a file, or a folder and everything below it). */
  getArchive(containerId: string, path: string, signal?: AbortSignal): Promise<Readable> {
    return this.dial({ path: `/containers/${encodeURIComponent(containerId)}/archive?`, method: 'GET', isStream: true, options: { path }, signal });
  }

  /** Extracts a tar archive into the folder `path` of the container. */
  async putArchive(containerId: string, path: string, tar: Readable | Buffer): Promise<void> {
    await this.docker.getContainer(containerId).putArchive(tar, { path });
  }

  /** What is at `path` in the container, from HEAD archive; the engine's 404 when nothing is. */
  async statPath(containerId: string, path: string): Promise<T.PathStat> {
    const response = (await this.dial({ path: `/containers/${encodeURIComponent(containerId)}/archive?`, method: 'HEAD', isStream: true, options: { path } })) as unknown as IncomingMessage;
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string') throw new Error(`the engine sent no file details for ${path}`);
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as T.PathStat;
  }

  // Images

  listImages(query: { all?: boolean; filters?: T.EngineFilters } = {}): Promise<T.ImageSummary[]> {
    return this.docker.listImages(defined({ all: query.all, filters: filtersParam(query.filters) }));
  }

  /** Imports a root filesystem tar as an image (`docker import`); the stream is the engine's NDJSON progress. */
  async importImage(tar: Readable, options: { repo: string; tag: string; changes?: string[] }): Promise<Readable> {
    return (await this.docker.importImage(tar, options)) as unknown as Readable;
  }

  inspectImage(idOrRef: string): Promise<T.ImageInspect> {
    return this.docker.getImage(idOrRef).inspect();
  }

  async removeImage(idOrRef: string, options: { force?: boolean; noPrune?: boolean } = {}): Promise<void> {
    await this.docker.getImage(idOrRef).remove({ force: options.force ?? false, noprune: options.noPrune ?? false });
  }

  async tagImage(idOrRef: string, repo: string, tag: string): Promise<void> {
    await this.docker.getImage(idOrRef).tag({ repo, tag });
  }

  imageHistory(idOrRef: string): Promise<T.ImageHistoryEntry[]> {
    return this.docker.getImage(idOrRef).history() as Promise<T.ImageHistoryEntry[]>;
  }

  /** Starts a pull; the stream is the engine's NDJSON progress, errors included as lines. */
  async pullImage(query: { fromImage: string; tag: string; platform?: string }, auth?: T.RegistryCredentials, signal?: AbortSignal): Promise<Readable> {
    const options = { ...defined(query), abortSignal: signal };
    return (await (auth ? this.docker.createImage(auth, options) : this.docker.createImage(options))) as unknown as Readable;
  }

  /** Starts a push of `name:tag`; the stream is the engine's NDJSON progress. */
  async pushImage(name: string, tag: string, auth?: T.RegistryCredentials, signal?: AbortSignal): Promise<Readable> {
    const image = this.docker.getImage(name);
    return (await image.push({ tag, abortSignal: signal } as Docker.ImagePushOptions, undefined, auth ?? {})) as unknown as Readable;
  }

  /** Sends a build context (a tar stream); the stream is the engine's NDJSON build output. */
  async buildImage(context: Readable, options: T.BuildOptions, signal?: AbortSignal): Promise<Readable> {
    return (await this.docker.buildImage(context, { ...options, abortSignal: signal } as Docker.ImageBuildOptions)) as unknown as Readable;
  }

  // Volumes

  async listVolumes(query: { filters?: T.EngineFilters } = {}): Promise<T.VolumeInspect[]> {
    const answer = await this.docker.listVolumes(defined({ filters: filtersParam(query.filters) }));
    return answer.Volumes ?? [];
  }

  inspectVolume(name: string): Promise<T.VolumeInspect> {
    return this.docker.getVolume(name).inspect();
  }

  async createVolume(spec: T.VolumeCreateSpec): Promise<void> {
    await this.docker.createVolume(spec);
  }

  async removeVolume(name: string, options: { force?: boolean } = {}): Promise<void> {
    await this.docker.getVolume(name).remove({ force: options.force ?? false });
  }

  // Networks

  listNetworks(query: { filters?: T.EngineFilters } = {}): Promise<T.NetworkInspect[]> {
    return this.docker.listNetworks(defined({ filters: filtersParam(query.filters) }));
  }

  inspectNetwork(idOrName: string): Promise<T.NetworkInspect> {
    return this.docker.getNetwork(idOrName).inspect() as Promise<T.NetworkInspect>;
  }

  /** Creates a network and resolves with its ID. */
  async createNetwork(spec: T.NetworkCreateSpec): Promise<string> {
    return (await this.docker.createNetwork(spec)).id;
  }

  async removeNetwork(idOrName: string): Promise<void> {
    await this.docker.getNetwork(idOrName).remove();
  }

  async connectNetwork(network: string, containerId: string, config?: T.EndpointSettings): Promise<void> {
    await this.docker.getNetwork(network).connect(config ? { Container: containerId, EndpointConfig: config } : { Container: containerId });
  }

  async disconnectNetwork(network: string, containerId: string, force = false): Promise<void> {
    await this.docker.getNetwork(network).disconnect({ Container: containerId, Force: force });
  }

  /**
   * Runs the container's health check now, through Podman's own API; false where the engine has no
   * such request (Docker answers the libpod version prefix with 400 or 404). Podman schedules health
   * checks with systemd timers: without systemd they never run by themselves and a container stays
   * "starting".
   */
  async runHealthcheck(containerId: string): Promise<boolean> {
    try {
      (await this.dial({ path: `/v4.0.0/libpod/containers/${encodeURIComponent(containerId)}/healthcheck?`, method: 'GET', isStream: true, options: {} })).resume();
      return true;
    } catch (err) {
      const status = engineStatusCode(err);
      if (status === 404 && /no such container/i.test(engineErrorMessage(err))) throw err;
      if (status !== undefined && status >= 400 && status < 500) return false;
      throw err;
    }
  }

  private dial(request: DialRequest): Promise<Readable> {
    return dialModem(this.docker, request);
  }
}
