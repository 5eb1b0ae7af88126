import * as vscode from 'vscode';
import { sleep } from '../../engine/backoff';
import { AppendPacer, type AppendRelease } from '../appendPacer';
import { CHANNEL_LIMITS, CHANNEL_MAX_CHARS, markerLine, skippedText } from '../logLimits';

/**
 * One log output channel, named after what it shows, language `log`. What it is given is capped
 * by an AppendPacer: a faster source is shown in part, each gap marked with how many lines were
 * left out. `append` resolves when the producer may send more, which paces requested history.
 */
export class ChannelSink implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private pacer = new AppendPacer(CHANNEL_LIMITS);
  private abort = new AbortController();
  private disposed = false;
  private held: Promise<void> = Promise.resolve();
  private releaseTimer: NodeJS.Timeout | undefined;
  private size = 0;

  constructor(readonly name: string) {
    this.channel = vscode.window.createOutputChannel(name, 'log');
  }

  /** The next `lines` lines are history the user asked for: shown in full, only paced. */
  allowInFull(lines: number): void {
    this.pacer.allowInFull(lines);
  }

  /** Appends `count` whole lines (or what the limits allow of them); resolves once the channel is ready for more. */
  append(text: string, count: number): Promise<void> {
    if (this.disposed || count === 0) return this.held;
    const now = Date.now();
    this.write(this.pacer.offer(text, count, now));
    this.releaseHeld(false);
    const wait = this.pacer.wait(now);
    this.held = wait > 0 ? sleep(wait, this.abort.signal) : Promise.resolve();
    return this.held;
  }

  /** Resolves when the channel is ready for more. */
  ready(): Promise<void> {
    return this.held;
  }

  /** A marker line (stopped, started, ...), never held back: lines held before it go out first. */
  marker(text: string): void {
    if (this.disposed) return;
    this.releaseHeld(true);
    this.appendLine(markerLine(text));
  }

  /** Empties the channel for a fresh follow. */
  clear(): void {
    // Whatever is held or allowed belongs to the follow that ended; the fresh one starts afresh.
    this.pacer = new AppendPacer(CHANNEL_LIMITS);
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
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
    clearTimeout(this.releaseTimer);
    this.release();
    this.channel.dispose();
  }

  /** Puts out held lines when due (or now, with `force`), else makes sure a timer will. */
  private releaseHeld(force: boolean): void {
    if (this.disposed) return;
    const now = Date.now();
    const release = this.pacer.release(now, force);
    if (release) {
      clearTimeout(this.releaseTimer);
      this.releaseTimer = undefined;
      this.write(release);
      return;
    }
    const due = this.pacer.releaseDue(now);
    if (due === undefined || this.releaseTimer) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      this.releaseHeld(false);
    }, due);
  }

  private write(release: AppendRelease): void {
    if (release.skipped > 0) this.appendLine(markerLine(skippedText(release.skipped)));
    if (release.text.length === 0) return;
    this.makeRoom(release.text.length);
    this.channel.append(release.text);
    this.size += release.text.length;
  }

  private appendLine(line: string): void {
    this.makeRoom(line.length + 1);
    this.channel.append(`${line}\n`);
    this.size += line.length + 1;
  }

  private makeRoom(incoming: number): void {
    if (this.size + incoming <= CHANNEL_MAX_CHARS) return;
    const note = `${markerLine(`earlier lines were cleared to keep the channel under ${CHANNEL_MAX_CHARS / 1_000_000} million characters; Save Logs As... writes the whole log`)}\n`;
    this.channel.replace(note);
    this.size = note.length;
  }
}
