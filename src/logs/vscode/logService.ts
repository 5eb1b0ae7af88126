import * as vscode from 'vscode';
import type { ContainerInfo } from '../../engine/listings';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineEventHub } from '../../engine/engineEvents';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ContainerLogView, type LogViewSettings } from './containerLogView';
import { LogDocuments } from './logDocuments';
import { tailFromSetting } from '../logLimits';
import { ProjectLogView } from './projectLogView';
import { requireClient } from '../../workbench/targets';

/** Something being followed, for Stop Following Logs. */
export interface FollowedLog {
  engine: EngineSession;
  kind: 'container' | 'project';
  /** Container id or project name. */
  key: string;
  label: string;
}

export function readLogSettings(): LogViewSettings {
  const config = vscode.workspace.getConfiguration('berth.logs');
  return {
    tail: tailFromSetting(config.get<number>('tail')),
    timestamps: config.get<boolean>('timestamps') ?? false,
    follow: config.get<boolean>('follow') ?? true,
  };
}

// Container ids are unique per engine only (two endpoints may even reach the same engine).
function viewKey(engine: EngineSession, key: string): string {
  return `${engine.key}\n${key}`;
}

/**
 * The log channels: one per container and one per compose project (of each engine), created on
 * first use and reused. Keeps the `berth.logs.following` context key in step, and ends every follow on dispose
 * (deactivation).
 */
export class LogService implements vscode.Disposable {
  readonly documents: LogDocuments;
  // `hub` is the connection a follow was started on: followers keep it for their life.
  private readonly containers = new Map<string, { engine: EngineSession; view: ContainerLogView; hub?: EngineEventHub }>();
  private readonly projects = new Map<string, { engine: EngineSession; view: ProjectLogView; hub?: EngineEventHub }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly followingChanged = new vscode.EventEmitter<void>();
  /** A follow started or ended. */
  readonly onDidChangeFollowing = this.followingChanged.event;
  /** What was followed when the context key was last set, so unchanged follows fire nothing. */
  private followedSignature: string | undefined;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.documents = new LogDocuments(engines);
    this.disposables.push(
      this.documents,
      this.followingChanged,
      engines.onDidChangeState((engine) => {
        if (engine.state.kind !== 'connected') return;
        for (const entry of this.containers.values()) if (entry.engine === engine && entry.hub === engine.events) entry.view.connectionBack();
        // A new endpoint for the engine (berth.dockerHost or the context changed): what was followed
        // lives on the old one.
        this.stopFollows((entry) => entry.engine === engine && entry.hub !== undefined && entry.hub !== engine.events);
      }),
      engines.onDidChangeEngines(() => this.stopFollows((entry) => !engines.all().includes(entry.engine))),
    );
  }

  async showContainer(engine: EngineSession, container: Pick<ContainerInfo, 'id' | 'name'>): Promise<void> {
    const docker = requireClient(engine);
    const events = engine.events;
    if (!events) throw new Error('Berth is not connected to a Docker engine.');
    const key = viewKey(engine, container.id);
    let entry = this.containers.get(key);
    if (entry?.engine !== engine) {
      entry?.view.dispose();
      // The channel's name says which engine when several are open (channels cannot be renamed later).
      const view = new ContainerLogView(container.id, this.engines.qualify(container.name, engine), () => this.updateContext(), (m) => this.output.warn(m));
      entry = { engine, view };
      this.containers.set(key, entry);
    }
    entry.hub = events;
    await entry.view.show(docker, events, readLogSettings());
    this.updateContext();
  }

  async showProject(engine: EngineSession, project: string, containers: readonly ContainerInfo[]): Promise<void> {
    requireClient(engine);
    const key = viewKey(engine, project);
    let entry = this.projects.get(key);
    if (entry?.engine !== engine) {
      entry?.view.dispose();
      const view = new ProjectLogView(project, engine, this.engines.qualify(project, engine), () => this.updateContext(), (m) => this.output.warn(m));
      entry = { engine, view };
      this.projects.set(key, entry);
    }
    entry.hub = engine.events;
    await entry.view.show(containers, readLogSettings());
    this.updateContext();
  }

  isFollowing(engine: EngineSession, kind: FollowedLog['kind'], key: string): boolean {
    return (kind === 'container' ? this.containers : this.projects).get(viewKey(engine, key))?.view.following ?? false;
  }

  followed(): FollowedLog[] {
    const out: FollowedLog[] = [];
    for (const { engine, view } of this.containers.values()) if (view.following) out.push({ engine, kind: 'container', key: view.id, label: view.name });
    for (const { engine, view } of this.projects.values()) {
      if (view.following) out.push({ engine, kind: 'project', key: view.project, label: this.engines.qualify(`compose project ${view.project}`, engine) });
    }
    return out;
  }

  async stopFollowing(engine: EngineSession, kind: FollowedLog['kind'], key: string): Promise<void> {
    await (kind === 'container' ? this.containers : this.projects).get(viewKey(engine, key))?.view.stop();
    this.updateContext();
  }

  dispose(): void {
    for (const { view } of this.containers.values()) view.dispose();
    for (const { view } of this.projects.values()) view.dispose();
    this.containers.clear();
    this.projects.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Ends the follows whose engine went away or changed address; their channels keep what they show. */
  private stopFollows(which: (entry: { engine: EngineSession; hub?: EngineEventHub }) => boolean): void {
    for (const entry of [...this.containers.values(), ...this.projects.values()]) {
      if (!which(entry) || !entry.view.following) continue;
      entry.hub = undefined;
      void entry.view.stop().then(() => this.updateContext());
    }
  }

  private updateContext(): void {
    const followed = this.followed();
    // Show Logs on a channel already following changes nothing; the Containers view redraws on this.
    const signature = followed.map((f) => `${f.engine.key}:${f.kind}:${f.key}`).join('\n');
    if (signature === this.followedSignature) return;
    this.followedSignature = signature;
    void vscode.commands.executeCommand('setContext', 'berth.logs.following', followed.length > 0);
    this.followingChanged.fire();
  }
}
