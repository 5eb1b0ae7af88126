import type { EngineClient } from '../../engine/engineClient';
import type { EngineEventHub } from '../../engine/engineEvents';
import type * as vscode from 'vscode';
import { fetchLastLines } from '../logExport';
import { LogFollower } from '../logFollower';
import { ChannelSink } from './channelSink';
import { FOLLOW_TUNING, markerText, MAX_TAIL, type TailChoice } from '../logLimits';

export interface LogViewSettings {
  tail: TailChoice;
  timestamps: boolean;
  follow: boolean;
}

/** Said once when the berth.logs.tail setting asks for more than Berth loads. */
export function tailCappedNote(): string {
  return `showing the last ${MAX_TAIL.toLocaleString('en-US')} lines: berth.logs.tail asks for more than Berth loads at once (Save Logs As... writes the whole log)`;
}

/**
 * One container's log channel and, while following, its LogFollower. The channel outlives the
 * follow, so showing the logs again reuses it.
 */
export class ContainerLogView implements vscode.Disposable {
  readonly sink: ChannelSink;
  private follower: LogFollower | undefined;
  private reconnectShown = false;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly onFollowEnded: () => void,
    private readonly warn: (message: string) => void,
  ) {
    this.sink = new ChannelSink(`${name} (logs)`);
  }

  get following(): boolean {
    return this.follower !== undefined;
  }

  /** Shows the channel; unless already following, refills it with the tail and follows (if asked). */
  async show(docker: EngineClient, events: EngineEventHub, settings: LogViewSettings): Promise<void> {
    this.sink.show();
    if (this.follower) return;
    this.sink.clear();
    if (settings.tail.capped) this.sink.marker(tailCappedNote());
    if (!settings.follow) {
      const tty = (await docker.inspectContainer(this.id)).Config.Tty;
      const { text, count } = await fetchLastLines(docker, this.id, tty, { tail: settings.tail.tail, timestamps: settings.timestamps });
      this.sink.allowInFull(count);
      await this.sink.append(text, count);
      this.sink.marker('not following (berth.logs.follow is off)');
      return;
    }
    // The history asked for is shown whole; only what the container writes from now on may be skipped.
    this.sink.allowInFull(settings.tail.tail);
    const follower: LogFollower = new LogFollower({
      client: docker,
      containerId: this.id,
      events,
      tail: settings.tail.tail,
      showTimestamps: settings.timestamps,
      ...FOLLOW_TUNING,
      onBatch: (batch): Promise<void> | undefined => {
        this.connectionBack();
        const ready = this.sink.append(batch.text, batch.count);
        // Once stopping, the last lines go out without waiting for the channel.
        return this.follower === follower ? ready : undefined;
      },
    });
    follower.on('marker', (marker) => {
      if (marker.kind === 'reconnecting') {
        this.reconnectShown = true;
      } else {
        this.connectionBack();
      }
      this.sink.marker(markerText(marker, this.name));
    });
    follower.on('warning', (error) => this.warn(`Logs of ${this.name}: ${String(error)}`));
    follower.on('end', () => {
      if (this.follower !== follower) return;
      this.follower = undefined;
      this.onFollowEnded();
    });
    this.follower = follower;
    follower.start();
  }

  /** The engine answers again: says so once after a "reconnecting" marker. */
  connectionBack(): void {
    if (!this.reconnectShown) return;
    this.reconnectShown = false;
    this.sink.marker('the engine connection is back; following resumes');
  }

  /** Ends the follow (Stop Following Logs); the channel keeps what it shows. */
  async stop(): Promise<void> {
    const follower = this.follower;
    if (!follower) return;
    this.follower = undefined;
    this.sink.release();
    await follower.stop();
    this.sink.marker(`stopped following ${this.name}`);
    this.onFollowEnded();
  }

  dispose(): void {
    const follower = this.follower;
    this.follower = undefined;
    this.sink.release();
    void follower?.stop();
    this.sink.dispose();
  }
}
