import * as vscode from 'vscode';
import type { ContainerInfo } from '../../engine/listings';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ContainerLogView, type LogViewSettings } from './containerLogView';
import { LogDocuments } from './logDocuments';
import { tailFromSetting } from '../logLimits';
import { ProjectLogView } from './projectLogView';

/** Something being followed, for Stop Following Logs. */
export interface FollowedLog {
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

/**
 * The log channels: one per container and one per compose project, created on first use and
 * reused. Keeps the `berth.logs.following` context key in step, and ends every follow on dispose
 * (deactivation).
 */
export class LogService implements vscode.Disposable {
  readonly documents: LogDocuments;
  private readonly containers = new Map<string, ContainerLogView>();
  private readonly projects = new Map<string, ProjectLogView>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly followingChanged = new vscode.EventEmitter<void>();
  /** A follow started or ended. */
  readonly onDidChangeFollowing = this.followingChanged.event;
  /** What was followed when the context key was last set, so unchanged follows fire nothing. */
  private followedSignature: string | undefined;

  constructor(
    private readonly session: EngineSession,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.documents = new LogDocuments(session);
    this.disposables.push(
      this.documents,
      this.followingChanged,
      session.onDidChangeState((state) => {
        if (state.kind !== 'connected') return;
        for (const view of this.containers.values()) view.connectionBack();
      }),
    );
  }

  async showContainer(container: Pick<ContainerInfo, 'id' | 'name'>): Promise<void> {
    const { docker, events } = this.requireEngine();
    let view = this.containers.get(container.id);
    if (!view) {
      view = new ContainerLogView(container.id, container.name, () => this.updateContext(), (m) => this.output.warn(m));
      this.containers.set(container.id, view);
    }
    await view.show(docker, events, readLogSettings());
    this.updateContext();
  }

  async showProject(project: string, containers: readonly ContainerInfo[]): Promise<void> {
    this.requireEngine();
    let view = this.projects.get(project);
    if (!view) {
      view = new ProjectLogView(project, this.session, () => this.updateContext(), (m) => this.output.warn(m));
      this.projects.set(project, view);
    }
    await view.show(containers, readLogSettings());
    this.updateContext();
  }

  isFollowing(kind: FollowedLog['kind'], key: string): boolean {
    return (kind === 'container' ? this.containers.get(key) : this.projects.get(key))?.following ?? false;
  }

  followed(): FollowedLog[] {
    const out: FollowedLog[] = [];
    for (const [id, view] of this.containers) if (view.following) out.push({ kind: 'container', key: id, label: view.name });
    for (const [project, view] of this.projects) if (view.following) out.push({ kind: 'project', key: project, label: `compose project ${project}` });
    return out;
  }

  async stopFollowing(kind: FollowedLog['kind'], key: string): Promise<void> {
    await (kind === 'container' ? this.containers.get(key) : this.projects.get(key))?.stop();
    this.updateContext();
  }

  dispose(): void {
    for (const view of this.containers.values()) view.dispose();
    for (const view of this.projects.values()) view.dispose();
    this.containers.clear();
    this.projects.clear();
    for (const d of this.disposables) d.dispose();
  }

  private requireEngine(): { docker: NonNullable<EngineSession['client']>; events: NonNullable<EngineSession['events']> } {
    const docker = this.session.client;
    const events = this.session.events;
    if (!docker || !events || this.session.state.kind !== 'connected') throw new Error('Berth is not connected to a Docker engine.');
    return { docker, events };
  }

  private updateContext(): void {
    const followed = this.followed();
    // Show Logs on a channel already following changes nothing; the Containers view redraws on this.
    const signature = followed.map((f) => `${f.kind}:${f.key}`).join('\n');
    if (signature === this.followedSignature) return;
    this.followedSignature = signature;
    void vscode.commands.executeCommand('setContext', 'berth.logs.following', followed.length > 0);
    this.followingChanged.fire();
  }
}
