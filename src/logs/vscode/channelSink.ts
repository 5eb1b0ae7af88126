import * as vscode from 'vscode';
import { sleep } from '../../engine/backoff';
import { AppendPacer } from '../appendPacer';
import { markerLine } from '../logLimits';

/** What the Output view is fed per second at most; beyond it, following slows the engine stream down. */
const CHANNEL_CHARS_PER_SECOND = 2_000_000;
/** A channel holding more than this is cleared (with a note) so a long flood cannot grow it without bound. */
const CHANNEL_MAX_CHARS = 40_000_000;

/**
 * One log output channel, named after what it shows, language `log`. Appends are paced (see
 * AppendPacer); `append` resolves when the next append may follow, which the follow pipeline uses
 * as its backpressure.
 */
export class ChannelSink implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private readonly pacer = new AppendPacer(CHANNEL_CHARS_PER_SECOND);
  private abort = new AbortController();
  private disposed = false;
  private held: Promise<void> = Promise.resolve();
  private size = 0;

  constructor(readonly name: string) {
    this.channel = vscode.window.createOutputChannel(name, 'log');
  }

  /** Appends text (whole lines); resolves once the channel is ready for more. */
  append(text: string): Promise<void> {
    if (this.disposed || text.length === 0) return this.held;
    this.makeRoom(text.length);
    this.channel.append(text);
    this.size += text.length;
    const wait = this.pacer.book(text.length, Date.now());
    this.held = wait > 0 ? sleep(wait, this.abort.signal) : Promise.resolve();
    return this.held;
  }

  /** Resolves when the channel is ready for more. */
  ready(): Promise<void> {
    return this.held;
  }

  /** A marker line (stopped, started, ...), never held back. */
  marker(text: string): void {
    if (this.disposed) return;
    const line = `${markerLine(text)}\n`;
    this.makeRoom(line.length);
    this.channel.append(line);
    this.size += line.length;
  }

  /** Empties the channel for a fresh follow. */
  clear(): void {
    this.channel.clear();
    this.size = 0;
  }

  show(): void {
    this.channel.show(true);
  }

  /** Ends the current wait, so a follow that is being stopped is not held back by pacing. */
  release(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.held = Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    this.release();
    this.channel.dispose();
  }

  private makeRoom(incoming: number): void {
    if (this.size + incoming <= CHANNEL_MAX_CHARS) return;
    const note = `${markerLine(`earlier lines were cleared to keep the channel under ${CHANNEL_MAX_CHARS / 1_000_000} million characters; Save Logs As... writes the whole log`)}\n`;
    this.channel.replace(note);
    this.size = note.length;
  }
}
