import { Backoff } from './backoff';
import { EngineClient } from './engineClient';
import { classifyConnectionError, type ConnectionProblem } from './engineErrors';
import { engineProduct, type EngineProduct } from './engineIdentity';
import { subscribeToEvents, type EngineEvent, type EngineEventHub, type EventSubscription } from './engineEvents';
import type { ResolvedEndpoint } from './endpoint';
import { Signal } from './signal';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected'; product: EngineProduct; version: string; apiVersion: string; os: string }
  | { kind: 'unreachable'; problem: ConnectionProblem; message: string; retryInMs: number };

export interface BackoffOptions {
  firstMs: number;
  maxMs: number;
  /** How long one attempt may wait for the engine's answer before it counts as a timeout. */
  answerMs?: number;
}

// An endpoint that accepts the connection and never answers (a hung engine, a proxy whose backend is
// gone) would otherwise leave Berth "connecting" for ever. SSH handshakes over slow links need a few
// seconds, hence the margin.
const DEFAULT_ANSWER_MS = 15_000;
const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 1000, maxMs: 30_000, answerMs: DEFAULT_ANSWER_MS };

/**
 * Owns the client for one endpoint: pings it, keeps the event stream open while the engine answers,
 * and retries with back-off while it does not. It is the engine's event hub: the one /events request,
 * fanned out to the views, log followers, the metrics recorder and compose state. A dropped event
 * stream means events may have been missed, so every (re)connection emits `resynced` and every
 * consumer reads its state again once.
 */
export class EngineConnection implements EngineEventHub {
  readonly client: EngineClient;
  readonly onState = new Signal<ConnectionState>();
  readonly onEvent = new Signal<EngineEvent>();
  /** Fired on every successful (re)connection: views reload everything. */
  readonly onResynced = new Signal<void>();

  private current: ConnectionState = { kind: 'connecting' };
  private subscription: EventSubscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retryDelay: Backoff;
  private disposed = false;
  private generation = 0;

  constructor(
    readonly endpoint: ResolvedEndpoint,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    this.client = new EngineClient(endpoint);
    this.retryDelay = new Backoff(backoff.firstMs, backoff.maxMs);
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Starts connecting; resolves after the first attempt, whatever its outcome. */
  start(): Promise<void> {
    return this.attempt();
  }

  /** Retries at once (the Retry button), cancelling a pending back-off. */
  retryNow(): Promise<void> {
    if (this.current.kind === 'connected') return Promise.resolve();
    this.retryDelay.reset();
    return this.attempt();
  }

  /** Resolves once connected, or rejects with the last failure after timeoutMs. */
  whenConnected(timeoutMs = 10_000): Promise<void> {
    if (this.current.kind === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        const state = this.current;
        reject(new Error(state.kind === 'unreachable' ? state.message : 'still connecting to the Docker engine'));
      }, timeoutMs);
      const off = this.onState.on((state) => {
        if (state.kind !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.subscription?.close();
    this.subscription = undefined;
    this.onState.clear();
    this.onEvent.clear();
    this.onResynced.clear();
    this.client.dispose();
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.onState.emit(state);
  }

  private async attempt(): Promise<void> {
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    // While unreachable the views keep saying why; flipping to "connecting" on every retry would flicker.
    if (this.current.kind === 'connected') this.setState({ kind: 'connecting' });
    const answer = new AbortController();
    const answerMs = this.backoff.answerMs ?? DEFAULT_ANSWER_MS;
    const timer = setTimeout(() => answer.abort(), answerMs);
    try {
      const version = await this.client.version(answer.signal);
      const subscription = await subscribeToEvents(this.client, (event) => this.onEvent.emit(event), answer.signal);
      clearTimeout(timer);
      if (this.disposed || generation !== this.generation) {
        subscription.close();
        return;
      }
      this.subscription?.close();
      this.subscription = subscription;
      this.retryDelay.reset();
      // Resync first: lists loaded before the drop are stale. Listeners of the state change then load
      // what they need once, instead of a resync queueing a second load behind theirs.
      this.onResynced.emit();
      this.setState({ kind: 'connected', product: engineProduct(version), version: version.Version, apiVersion: version.ApiVersion, os: `${version.Os}/${version.Arch}` });
      void subscription.ended.then((err) => this.onStreamEnded(subscription, err));
    } catch (err) {
      clearTimeout(timer);
      if (this.disposed || generation !== this.generation) return;
      const timedOut = answer.signal.aborted ? Object.assign(new Error(`no answer in ${answerMs / 1000} s`), { code: 'ETIMEDOUT' }) : err;
      this.scheduleRetry(timedOut);
    }
  }

  private onStreamEnded(subscription: EventSubscription, err: Error | undefined): void {
    if (this.disposed || subscription !== this.subscription || err === undefined) return;
    this.subscription = undefined;
    // The stream drops when the engine stops or restarts; a fresh attempt tells which.
    void this.attempt();
  }

  private scheduleRetry(err: unknown): void {
    const failure = classifyConnectionError(err, this.endpoint.host);
    const retryInMs = this.retryDelay.next();
    this.setState({ kind: 'unreachable', problem: failure.problem, message: failure.message, retryInMs });
    this.retryTimer = setTimeout(() => void this.attempt(), retryInMs);
  }
}
