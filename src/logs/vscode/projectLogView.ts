import * as vscode from 'vscode';
import type { EngineEvent } from '../../engine/engineEvents';
import type { ContainerInfo } from '../../engine/listings';
import { LogFollower } from '../logFollower';
import { LiveLogMerger } from '../logLiveMerge';
import { ServiceLineFormatter } from '../logMerge';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { ChannelSink } from './channelSink';
import { tailCappedNote, type LogViewSettings } from './containerLogView';
import { FOLLOW_TUNING, markerText, memberLabel, PROJECT_MERGE_WINDOW_MS } from '../logLimits';

const PROJECT_LABEL = 'com.docker.compose.project';

interface Member {
  follower: LogFollower;
  label: string;
}

/**
 * A compose project's logs in one channel: a follower per container, their lines merged by
 * timestamp and prefixed with the service. Containers the project gains later (compose up, scale,
 * recreate) are followed as the engine announces them, or found on reconnection.
 */
export class ProjectLogView implements vscode.Disposable {
  readonly sink: ChannelSink;
  private readonly members = new Map<string, Member>();
  private readonly formatter = new ServiceLineFormatter();
  private merger: LiveLogMerger | undefined;
  private settings: LogViewSettings | undefined;
  private subscriptions: vscode.Disposable[] = [];
  private reconnectShown = false;

  constructor(
    readonly project: string,
    private readonly session: EngineSession,
    /** The project's name, with its engine's where several engines are open. */
    title: string,
    private readonly onFollowEnded: () => void,
    private readonly warn: (message: string) => void,
  ) {
    this.sink = new ChannelSink(`${title} (compose logs)`);
  }

  get following(): boolean {
    return this.merger !== undefined;
  }

  async show(containers: readonly ContainerInfo[], settings: LogViewSettings): Promise<void> {
    this.sink.show();
    if (this.merger) return;
    this.sink.clear();
    this.settings = settings;
    if (settings.tail.capped) this.sink.marker(tailCappedNote());
    const timestamps = settings.timestamps;
    this.merger = new LiveLogMerger({
      windowMs: PROJECT_MERGE_WINDOW_MS,
      onLines: (entries) => {
        let text = '';
        for (const entry of entries) text += this.formatter.render(entry, { timestamps }) + '\n';
        void this.sink.append(text, entries.length);
      },
    });
    this.subscriptions = [
      this.session.onDidReceiveEvent((event) => this.onEvent(event)),
      this.session.onDidChangeState((state) => {
        if (state.kind === 'connected') void this.rescan();
      }),
    ];
    for (const c of containers) this.formatter.include(memberLabel(c.labels, c.name));
    // Each member's history is shown whole; only what they write from now on may be skipped.
    this.sink.allowInFull(settings.tail.tail * containers.length);
    for (const c of containers) this.add(c.id, memberLabel(c.labels, c.name), settings.tail.tail);
    if (containers.length === 0) this.sink.marker(`${this.project} has no containers yet; waiting for them`);
  }

  private onEvent(event: EngineEvent): void {
    if (event.Type !== 'container' || (event.Action !== 'create' && event.Action !== 'start')) return;
    const id = event.Actor?.ID ?? event.id;
    const labels = event.Actor?.Attributes ?? {};
    if (!id || labels[PROJECT_LABEL] !== this.project || this.members.has(id)) return;
    const label = memberLabel(labels, labels.name ?? id.slice(0, 12));
    this.sink.marker(`${label}: new container ${labels.name ?? id.slice(0, 12)}; following it`);
    // A new container's whole output is new.
    this.add(id, label, 'all');
  }

  /** After an outage the engine's events are lost: look for members that appeared meanwhile. */
  private async rescan(): Promise<void> {
    if (this.reconnectShown) {
      this.reconnectShown = false;
      this.sink.marker('the engine connection is back; following resumes');
    }
    try {
      const all = await this.session.data.get('container');
      for (const c of all) {
        if (!this.merger || c.composeProject !== this.project || this.members.has(c.id)) continue;
        const label = memberLabel(c.labels, c.name);
        this.sink.marker(`${label}: new container ${c.name}; following it`);
        this.add(c.id, label, 'all');
      }
    } catch (error) {
      this.warn(`Logs of ${this.project}: ${String(error)}`);
    }
  }

  private add(id: string, label: string, tail: number | 'all'): void {
    const docker = this.session.client;
    const events = this.session.events;
    const merger = this.merger;
    if (!docker || !events || !merger || !this.settings) return;
    const follower = new LogFollower({
      client: docker,
      containerId: id,
      events,
      tail,
      keepLines: true,
      ...FOLLOW_TUNING,
      onBatch: (batch) => {
        merger.push(label, batch.lines);
        // All members share the channel: each waits for it before sending more.
        return this.merger === merger ? this.sink.ready() : undefined;
      },
    });
    follower.on('marker', (marker) => {
      // The marker comes after its lines: let the held lines out first so it lands after them.
      merger.flush();
      if (marker.kind === 'reconnecting') {
        // Every member loses the engine at once; one line says so.
        if (this.reconnectShown) return;
        this.reconnectShown = true;
      }
      this.sink.marker(markerText(marker, label));
    });
    follower.on('warning', (error) => this.warn(`Logs of ${label} (${this.project}): ${String(error)}`));
    follower.on('end', () => {
      if (this.members.get(id)?.follower === follower) this.members.delete(id);
    });
    this.members.set(id, { follower, label });
    this.formatter.include(label);
    follower.start();
  }

  async stop(): Promise<void> {
    const merger = this.merger;
    if (!merger) return;
    this.merger = undefined;
    for (const d of this.subscriptions) d.dispose();
    this.subscriptions = [];
    this.sink.release();
    const followers = [...this.members.values()].map((m) => m.follower);
    this.members.clear();
    await Promise.all(followers.map((f) => f.stop()));
    merger.flush();
    merger.dispose();
    this.sink.marker(`stopped following compose project ${this.project}`);
    this.onFollowEnded();
  }

  dispose(): void {
    const merger = this.merger;
    this.merger = undefined;
    for (const d of this.subscriptions) d.dispose();
    for (const m of this.members.values()) void m.follower.stop();
    this.members.clear();
    merger?.dispose();
    this.sink.dispose();
  }
}
