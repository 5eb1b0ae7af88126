import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { EndpointError, resolveContextEndpoint, resolveEndpoint, resolveHostEndpoint, type EndpointInputs, type ResolvedEndpoint } from '../endpoint';
import { hostLabel, type EngineEntry } from '../engineEntries';
import { EngineConnection, type ConnectionState } from '../engineConnection';
import { EngineData } from '../engineData';
import { OBJECT_KINDS, type EngineEvent, type EngineEventHub } from '../engineEvents';
import { refreshForEvents } from '../eventRefresh';
import { RefreshScheduler } from '../refreshScheduler';

function readFileIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function endpointInputs(): EndpointInputs {
  return {
    setting: vscode.workspace.getConfiguration('berth').get<string>('dockerHost'),
    env: process.env,
    homeDir: os.homedir(),
    platform: process.platform,
    readFile: readFileIfPresent,
  };
}

/** Where an entry's engine is: the current endpoint is worked out afresh each time. */
export function resolveEntry(entry: EngineEntry): ResolvedEndpoint {
  const inputs = endpointInputs();
  switch (entry.kind) {
    case 'current':
      return resolveEndpoint(inputs);
    case 'context':
      return resolveContextEndpoint(entry.context.name, inputs);
    case 'setting':
      return resolveHostEndpoint('engines', entry.host, entry.tls, inputs);
    case 'env':
      return resolveHostEndpoint('DOCKER_HOST', entry.host, undefined, inputs);
  }
}

/**
 * The connection to one engine, its lists and its events. The session of the current endpoint is
 * rebuilt when the endpoint setting changes and owns the context keys the views' welcome content
 * reads; the sessions of other engines the user connected to stand beside it.
 */
export class EngineSession implements vscode.Disposable {
  readonly data: EngineData;
  private connection: EngineConnection | undefined;
  private endpointError: string | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly eventEmitter = new vscode.EventEmitter<EngineEvent>();
  /** Every event of the engine's event stream (containers, images, volumes, networks), as it arrives. */
  readonly onDidReceiveEvent = this.eventEmitter.event;
  private readonly scheduler: RefreshScheduler;
  private readonly disposables: vscode.Disposable[] = [];
  private lastLogged = '';

  constructor(
    private readonly output: vscode.LogOutputChannel,
    readonly entry: EngineEntry = { key: 'current', kind: 'current', name: '' },
    /** Items of this engine's lists are registered here, so commands find the engine of what they act on. */
    onLoaded?: (list: readonly object[]) => void,
  ) {
    this.data = new EngineData(() => (this.connection?.state.kind === 'connected' ? this.connection.client : undefined), onLoaded);
    this.scheduler = new RefreshScheduler((kinds, events) => void refreshForEvents(this.data, kinds, events));
    this.disposables.push(
      this.stateEmitter,
      this.eventEmitter,
    );
    if (entry.kind === 'current') {
      this.disposables.push(
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('berth.dockerHost')) void this.start();
        }),
      );
    }
  }

  /** Stable across reloads: what the workspace remembers and what URIs name. */
  get key(): string {
    return this.entry.key;
  }

  get isCurrent(): boolean {
    return this.entry.kind === 'current';
  }

  /** What the user calls this engine: the context or configured name, else a short form of the host. */
  get name(): string {
    if (this.entry.kind !== 'current') return this.entry.name;
    const endpoint = this.connection?.endpoint;
    return endpoint?.context ?? hostLabel(endpoint?.host ?? '');
  }

  get state(): ConnectionState {
    if (this.endpointError !== undefined) return { kind: 'unreachable', problem: 'badEndpoint', message: this.endpointError, retryInMs: 0 };
    return this.connection?.state ?? { kind: 'connecting' };
  }

  get endpoint(): ResolvedEndpoint | undefined {
    return this.connection?.endpoint;
  }

  /** The engine client; callers outside the views should check `state` first. */
  get client(): EngineConnection['client'] | undefined {
    return this.connection?.client;
  }

  /** The engine's event hub (its one /events stream), for log followers and the recorder. */
  get events(): EngineEventHub | undefined {
    return this.connection;
  }

  /** (Re)resolves the endpoint and connects; resolves after the first attempt. */
  async start(): Promise<void> {
    this.connection?.dispose();
    this.connection = undefined;
    this.endpointError = undefined;
    this.data.reset();

    let endpoint: ResolvedEndpoint;
    try {
      endpoint = resolveEntry(this.entry);
    } catch (err) {
      this.endpointError = err instanceof EndpointError ? err.message : vscode.l10n.t('Cannot work out the Docker endpoint: {0}', String(err));
      this.publish(this.state);
      return;
    }

    const via = endpoint.source === 'context' ? `docker context "${endpoint.context}"` : endpoint.source === 'engines' ? `berth.engines "${this.entry.name}"` : endpoint.source;
    this.output.info(`${this.logPrefix()}Docker endpoint: ${endpoint.host} (from ${via}${endpoint.tls ? ', TLS' : ''})`);
    const connection = new EngineConnection(endpoint);
    this.connection = connection;
    connection.onState.on((state) => this.publish(state));
    connection.onEvent.on((event) => {
      this.scheduler.onEvent(event);
      this.eventEmitter.fire(event);
    });
    connection.onResynced.on(() => void this.data.invalidate(OBJECT_KINDS));
    this.publish(connection.state);
    await connection.start();
  }

  retryNow(): Promise<void> {
    if (this.endpointError !== undefined || !this.connection) return this.start();
    return this.connection.retryNow();
  }

  whenConnected(timeoutMs?: number): Promise<void> {
    if (this.endpointError !== undefined) return Promise.reject(new Error(this.endpointError));
    if (!this.connection) return Promise.reject(new Error(vscode.l10n.t('Berth has not connected yet.')));
    return this.connection.whenConnected(timeoutMs);
  }

  dispose(): void {
    this.connection?.dispose();
    this.scheduler.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private publish(state: ConnectionState): void {
    if (this.isCurrent) {
      void vscode.commands.executeCommand('setContext', 'berth.engineState', state.kind);
      void vscode.commands.executeCommand('setContext', 'berth.engineProblem', state.kind === 'unreachable' ? state.problem : '');
    }
    if (state.kind === 'unreachable') this.data.reset();
    this.log(state);
    this.stateEmitter.fire(state);
  }

  // Back-off retries repeat the same failure; the log says it once, not every few seconds.
  private log(state: ConnectionState): void {
    let line =
      state.kind === 'connected'
        ? `Connected: ${state.product} ${state.version} (API ${state.apiVersion}, ${state.os})`
        : state.kind === 'unreachable'
          ? `Engine unreachable: ${state.message}`
          : '';
    if (!line || line === this.lastLogged) return;
    this.lastLogged = line;
    line = this.logPrefix() + line;
    if (state.kind === 'unreachable') this.output.warn(`${line} Retrying with back-off.`);
    else this.output.info(line);
  }

  private logPrefix(): string {
    return this.isCurrent ? '' : `[${this.entry.name}] `;
  }
}
