import * as os from 'node:os';
import * as vscode from 'vscode';
import { dockerConfigDir, listContexts, type DockerContext } from '../dockerContexts';
import type { ConnectionState } from '../engineConnection';
import { engineEntries, parseConfiguredEngines, sameConnection, type EngineEntry } from '../engineEntries';
import type { EngineEvent, ObjectKind } from '../engineEvents';
import type { ResolvedEndpoint } from '../endpoint';
import { EngineSession, resolveEntry } from './engineSession';

const REMEMBERED = 'berth.connectedEngines';
/** How long the context store must be quiet before Berth reads it again. */
const STORE_SETTLE_MS = 100;

/** An event of one engine's event stream, with the engine it came from. */
export interface EngineEventFrom {
  engine: EngineSession;
  event: EngineEvent;
}

/**
 * The engines Berth is connected to: the current endpoint (always, as before) and the others the
 * user connected in the Engines view, which the workspace remembers and reconnects at start-up.
 * Each has its own session (connection, event stream, lists), so a slow or unreachable engine never
 * holds up the others.
 */
export class EngineRegistry implements vscode.Disposable {
  readonly current: EngineSession;
  private readonly others = new Map<string, EngineSession>();
  private readonly owners = new WeakMap<object, EngineSession>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The set of connected engines changed (one added or removed). */
  readonly onDidChangeEngines = this.changed.event;
  private readonly stateEmitter = new vscode.EventEmitter<EngineSession>();
  /** An engine's connection state changed. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly eventEmitter = new vscode.EventEmitter<EngineEventFrom>();
  readonly onDidReceiveEvent = this.eventEmitter.event;
  private readonly listEmitter = new vscode.EventEmitter<{ engine: EngineSession; kind: ObjectKind }>();
  /** A list of some engine changed (loaded again, or forgotten): every engine's lists, one subscription. */
  readonly onDidChangeList = this.listEmitter.event;
  private readonly entriesEmitter = new vscode.EventEmitter<void>();
  /** The engines Berth knows may have changed: the context store or berth.engines changed. */
  readonly onDidChangeEntries = this.entriesEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private configProblems: string[] = [];
  private contexts: Promise<DockerContext[]> | undefined;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly memento: vscode.Memento,
  ) {
    this.current = this.createSession({ key: 'current', kind: 'current', name: '' });
    // The docker CLI's context store, so `docker context create/use/rm` in a terminal shows at once.
    const configDir = dockerConfigDir(process.env, os.homedir());
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(configDir), '{config.json,contexts/meta/**}'));
    const entriesChanged = (): void => {
      this.contexts = undefined;
      this.entriesEmitter.fire();
      void this.reconcile();
    };
    // The CLI writes a context as a folder, a temporary file and a rename: one read after the burst.
    let settle: NodeJS.Timeout | undefined;
    const storeChanged = (): void => {
      clearTimeout(settle);
      settle = setTimeout(entriesChanged, STORE_SETTLE_MS);
    };
    this.disposables.push(
      this.changed,
      this.stateEmitter,
      this.eventEmitter,
      this.listEmitter,
      this.entriesEmitter,
      watcher,
      watcher.onDidChange(storeChanged),
      watcher.onDidCreate(storeChanged),
      watcher.onDidDelete(storeChanged),
      { dispose: () => clearTimeout(settle) },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.engines')) entriesChanged();
      }),
    );
  }

  /**
   * Follows changes to what a connected engine is: a context or berth.engines entry that was removed
   * is disconnected, one whose address or TLS files changed is connected again with the new ones.
   */
  private async reconcile(): Promise<void> {
    if (this.others.size === 0) return;
    const entries = await this.entries();
    for (const [key, session] of [...this.others]) {
      const now = entries.find((e) => e.key === key);
      if (now && sameConnection(now, session.entry)) continue;
      this.output.info(`[${session.name}] ${now ? 'changed; connecting again' : 'no longer known; disconnected'}`);
      await this.disconnect(key);
      if (now && (now.kind === 'current' || !now.sameAsCurrent)) await this.connect(now);
    }
  }

  /** Connects the current endpoint and the engines this workspace had connected. */
  async start(): Promise<void> {
    const remembered = this.memento.get<string[]>(REMEMBERED, []);
    const entries = remembered.length > 0 ? await this.entries() : [];
    const again = entries.filter((e) => e.kind !== 'current' && !e.sameAsCurrent && remembered.includes(e.key));
    await Promise.all([this.current.start(), ...again.map((entry) => this.connect(entry, false))]);
  }

  /** Every engine Berth knows: the current endpoint, Docker contexts, berth.engines and DOCKER_HOST. */
  async entries(): Promise<EngineEntry[]> {
    // Callers at the same moment share one read. Nothing is kept after it: a watcher event can come
    // before the CLI has finished writing a context (or not at all), so a kept list would go stale.
    const reading = (this.contexts ??= listContexts(dockerConfigDir(process.env, os.homedir()))
      .catch(() => [])
      .finally(() => {
        if (this.contexts === reading) this.contexts = undefined;
      }));
    const contexts = await reading;
    const parsed = parseConfiguredEngines(vscode.workspace.getConfiguration('berth').get<unknown>('engines'));
    this.reportProblems(parsed.problems);
    // Before the first connection attempt the current endpoint is worked out here, so a remembered
    // engine at the same address is still recognised as the current one.
    const endpoint = this.current.endpoint ?? tryResolve(this.current.entry);
    return engineEntries({ host: endpoint?.host, context: endpoint?.context }, contexts, parsed.engines, process.env.DOCKER_HOST);
  }

  /** The current engine first, then the others by name. */
  all(): EngineSession[] {
    return [this.current, ...[...this.others.values()].sort((a, b) => a.name.localeCompare(b.name))];
  }

  /** More than one engine is open: views group by engine and names say which engine. */
  get multiple(): boolean {
    return this.others.size > 0;
  }

  get(key: string): EngineSession | undefined {
    return key === this.current.key ? this.current : this.others.get(key);
  }

  /** The engine a listed object (container, image, volume, network) was loaded from. */
  engineOf(item: object | undefined): EngineSession | undefined {
    return item ? this.owners.get(item) : undefined;
  }

  /** The engine's name where more than one is open, for titles: "web (staging)". */
  qualify(name: string, engine: EngineSession): string {
    return this.multiple ? `${name} (${engine.name})` : name;
  }

  async connect(entry: EngineEntry, remember = true): Promise<EngineSession> {
    const existing = this.get(entry.key);
    if (existing) return existing;
    if (entry.kind !== 'current' && entry.sameAsCurrent) throw new Error(vscode.l10n.t('{0} is the engine Berth already uses.', entry.name));
    const session = this.createSession(entry);
    this.others.set(entry.key, session);
    if (remember) await this.remember();
    this.changed.fire();
    await session.start();
    return session;
  }

  async disconnect(key: string): Promise<void> {
    const session = this.others.get(key);
    if (!session) return;
    this.others.delete(key);
    session.dispose();
    await this.remember();
    this.changed.fire();
  }

  /**
   * The engine a command without a target acts on: the only one, or the one the user picks among
   * the connected ones. Undefined when the user cancels.
   */
  async pick(title: string): Promise<EngineSession | undefined> {
    const connected = this.all().filter((s) => s.state.kind === 'connected');
    if (connected.length === 0) throw new Error(vscode.l10n.t('Berth is not connected to a Docker engine.'));
    if (connected.length === 1) return connected[0];
    const items = connected.map((engine) => ({ label: engine.name, description: describe(engine.state, engine.endpoint?.host), engine }));
    const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Docker engine') });
    return chosen?.engine;
  }

  dispose(): void {
    for (const session of this.all()) session.dispose();
    this.others.clear();
    for (const d of this.disposables) d.dispose();
  }

  private createSession(entry: EngineEntry): EngineSession {
    const session = new EngineSession(this.output, entry, (list) => {
      for (const item of list) this.owners.set(item, session);
    });
    session.onDidChangeState(() => this.stateEmitter.fire(session));
    session.onDidReceiveEvent((event) => this.eventEmitter.fire({ engine: session, event }));
    session.data.onChanged.on((kind) => this.listEmitter.fire({ engine: session, kind }));
    return session;
  }

  private async remember(): Promise<void> {
    await this.memento.update(REMEMBERED, [...this.others.keys()]);
  }

  /** What is wrong with berth.engines, one line per entry left out, as of the last entries(). */
  get settingProblems(): readonly string[] {
    return this.configProblems;
  }

  private reportProblems(problems: string[]): void {
    const text = problems.join('\n');
    if (text === this.configProblems.join('\n')) return;
    this.configProblems = problems;
    for (const problem of problems) this.output.warn(problem);
  }
}

function tryResolve(entry: EngineEntry): ResolvedEndpoint | undefined {
  try {
    return resolveEntry(entry);
  } catch {
    return undefined;
  }
}

function describe(state: ConnectionState, host: string | undefined): string {
  const where = host ?? '';
  return state.kind === 'connected' ? `${state.product} ${state.version} · ${where}` : where;
}
