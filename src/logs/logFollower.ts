import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { ContainerInspect, LogsQuery } from '../engine/engineTypes';
import { engineErrorMessage, engineStatusCode } from '../engine/engineErrors';
import { Backoff, sleep } from '../engine/backoff';
import { LogCoalescer } from './logCoalescer';
import { findRunEnd, LifecycleWaiter } from './logContainerEvents';
import { LogChunkReader, type LogChunk } from './logChunkReader';
import { decodeLogBuffer } from './logDecoder';
import type { LogBatch, LogFollowerEventMap, LogFollowerOptions, LogMarker } from './logFollowerTypes';
import { CUT_LINE_NOTE, markerLine } from './logLimits';
import { type LogLine, renderLogLine } from './logLines';
import { ResumePoint, type ResumeSession } from './logResume';
import { engineTimeParam, parseLogTimestamp } from './logTimestamp';

type NextRun = 'same' | 'next' | 'removed';

interface RunState {
  startedAt: string;
  stoppedReported: boolean;
}

/**
 * Follows one container's logs across its stops, restarts and engine outages. Every session asks
 * for timestamps, and a resumed session starts at `since` = the last timestamp shown; as several
 * lines can share that timestamp, the number already shown at it is skipped, so each line is
 * emitted exactly once.
 */
export class LogFollower extends EventEmitter<LogFollowerEventMap> {
  private readonly abort = new AbortController();
  private readonly coalescer: LogCoalescer<LogChunk>;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private stream: Readable | undefined;
  private run: RunState | undefined;
  private readonly resume = new ResumePoint();
  /** Where to resume from when no line has been seen yet (engine time parameter). */
  private floor: string | undefined;
  private readonly retry: Backoff;
  private readonly sameRunRetry: Backoff;
  private lastReason: string | undefined;

  constructor(private readonly options: LogFollowerOptions) {
    super();
    this.retry = new Backoff(options.retryInitialMs, options.retryMaxMs);
    this.sameRunRetry = new Backoff(options.retryInitialMs, options.retryMaxMs);
    this.coalescer = new LogCoalescer<LogChunk>({
      intervalMs: options.coalesceMs,
      highWaterMark: options.highWaterMark,
      sizeOf: (chunk) => chunk.text.length + 32 * chunk.count,
      onFlush: (chunks) => {
        const batch: LogBatch = {
          lines: options.keepLines ? chunks.flatMap((c) => c.lines) : [],
          count: chunks.reduce((sum, c) => sum + c.count, 0),
          text: chunks.length === 1 ? chunks[0].text : chunks.map((c) => c.text).join(''),
        };
        this.emit('lines', batch);
        // The consumer's promise holds the next flush back, so a slow consumer pauses the engine stream.
        return this.options.onBatch?.(batch);
      },
      onPause: () => this.stream?.pause(),
      onResume: () => this.stream?.resume(),
      onError: (error) => this.emit('warning', error),
    });
  }

  start(): void {
    this.loop ??= this.main();
  }

  /** Ends following; resolves once the remaining lines and 'end' have been emitted. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.abort.abort();
      this.stream?.destroy();
    }
    await this.loop;
  }

  private async main(): Promise<void> {
    let phase: 'follow' | 'between' = 'follow';
    while (!this.stopped) {
      try {
        if (phase === 'follow') {
          const info = await this.options.client.inspectContainer(this.options.containerId, this.abort.signal);
          await this.noteRun(info);
          await this.follow(info.Config.Tty);
          phase = 'between';
        } else {
          const next = await this.awaitNextRun();
          this.recovered();
          if (next === 'removed') {
            await this.marker({ kind: 'removed' });
            break;
          }
          phase = 'follow';
        }
      } catch (error) {
        if (this.stopped) break;
        if (engineStatusCode(error) === 404) {
          await this.marker({ kind: 'removed' });
          break;
        }
        await this.reconnecting(error);
      }
    }
    this.stopped = true;
    await this.coalescer.close();
    this.emit('end');
  }

  /** Emits stopped/started when the container is on a newer run than the one last followed. */
  private async noteRun(info: ContainerInspect): Promise<void> {
    const startedAt = info.State.StartedAt;
    const previous = this.run;
    if (previous?.startedAt === startedAt) return;
    if (previous) {
      if (!previous.stoppedReported) {
        // The run ended and the next began while no log stream was open (an engine outage): show
        // what the old run printed meanwhile before saying it stopped. If this fails, the retry
        // repeats it, and the resume point keeps lines from showing twice.
        const end = await findRunEnd(this.options.client, this.options.containerId, previous.startedAt, startedAt, this.abort.signal);
        if (end.at) {
          await this.acceptFetched(await this.fetchMissed(info.Config.Tty, end.at), this.resume.session());
          this.floor = end.at;
        }
        await this.marker({ kind: 'stopped', exitCode: end.exitCode });
        previous.stoppedReported = true;
      }
      await this.marker({ kind: 'started' });
    }
    this.run = { startedAt, stoppedReported: false };
    this.sameRunRetry.reset();
  }

  private async follow(tty: boolean): Promise<void> {
    const query: LogsQuery = {
      follow: true,
      stdout: this.options.stdout ?? true,
      stderr: this.options.stderr ?? true,
      timestamps: true,
      ...this.resumeQuery(),
    };
    const session = this.resume.session();
    const stream = await this.options.client.openLogs(this.options.containerId, query, this.abort.signal);
    if (this.stopped) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    // A fresh reader per session: half a line from a dropped connection is fetched again whole.
    const reader = new LogChunkReader({
      mode: tty ? 'raw' : 'multiplexed',
      timestamps: true,
      showTimestamps: this.options.showTimestamps ?? false,
      keepLines: this.options.keepLines ?? false,
      session,
      tailed: typeof query.tail === 'number' && query.tail > 0,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          try {
            const out = reader.read(chunk);
            if (out) this.coalescer.push(out);
          } catch (error) {
            stream.destroy();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        stream.on('end', () => {
          const out = reader.end();
          if (out) this.coalescer.push(out);
          resolve();
        });
        stream.on('error', reject);
        stream.on('close', () => reject(new Error('the log stream was cut off')));
        if (this.coalescer.paused) stream.pause();
      });
    } finally {
      this.stream = undefined;
      stream.destroy();
    }
    if (session.admitted > 0) {
      this.sameRunRetry.reset();
      this.recovered();
    }
  }

  /** Lines fetched in one piece: there is no stream to pause, so wait instead when the buffer is full. */
  private async acceptFetched(lines: LogLine[], session: ResumeSession): Promise<void> {
    const timestamps = this.options.showTimestamps ?? false;
    let cutNoted = false;
    for (const line of lines) {
      if (this.stopped) return;
      if (!session.admit(line)) continue;
      // As LogChunkReader does: the start of an over-long line, then one note for the rest.
      if (line.continued && cutNoted) continue;
      cutNoted = line.continued === true;
      const shown: LogLine = line.continued ? { stream: line.stream, text: markerLine(CUT_LINE_NOTE), ...(line.timestamp ? { timestamp: line.timestamp } : {}) } : line;
      const chunk: LogChunk = { text: renderLogLine(shown, { timestamps: timestamps && !line.continued }) + '\n', count: 1, lines: this.options.keepLines ? [shown] : [] };
      if (!this.coalescer.push(chunk)) await this.coalescer.whenResumed();
    }
  }

  /** Where the next request starts: after the last line shown, else the floor, else the tail. */
  private resumeQuery(): { since?: string; tail?: number } {
    const since = this.resume.since ?? this.floor;
    if (since) return { since };
    const tail = this.options.tail ?? 1000;
    return tail === 'all' ? {} : { tail };
  }

  /** Without following, the lines from the resume point on (up to `until`), not yet admitted. */
  private async fetchMissed(tty: boolean, until?: string): Promise<LogLine[]> {
    const query: LogsQuery = {
      stdout: this.options.stdout ?? true,
      stderr: this.options.stderr ?? true,
      timestamps: true,
      ...this.resumeQuery(),
      ...(until ? { until } : {}),
    };
    const data = await this.options.client.containerLogs(this.options.containerId, query, this.abort.signal);
    return decodeLogBuffer(data, tty ? 'raw' : 'multiplexed', true);
  }

  /**
   * After a log stream ends: the same run still going (resume), a newer run (resume; noteRun
   * reports it), or removal. The hub is listened to before inspecting, so a start between the two
   * cannot be missed; after a resync of the hub (events possibly missed) the container is looked at
   * again as after a dropped stream.
   */
  private async awaitNextRun(): Promise<NextRun> {
    const { client, containerId } = this.options;
    const waiter = new LifecycleWaiter(this.options.events, containerId);
    try {
      const info = await client.inspectContainer(containerId, this.abort.signal);
      waiter.knowAs(info.Id);
      const run = this.run;
      if (!run || info.State.StartedAt !== run.startedAt) return 'next';
      if (info.State.Running) {
        // The stream ended under a running container (most likely it is just stopping): follow
        // again after a pause that grows if this keeps happening.
        await sleep(this.sameRunRetry.next(), this.abort.signal);
        return 'same';
      }
      if (!run.stoppedReported) {
        // The engine can end a follow before its last line (often an unterminated one) is sent;
        // fetch what is left. Kept only if the run did not change meanwhile, as then the lines
        // could belong to the next run, which noteRun will handle with an exact boundary.
        const missed = await this.fetchMissed(info.Config.Tty);
        const again = await client.inspectContainer(containerId, this.abort.signal);
        if (again.State.StartedAt !== run.startedAt) return 'next';
        await this.acceptFetched(missed, this.resume.session());
        run.stoppedReported = true;
        const finished = parseLogTimestamp(info.State.FinishedAt);
        if (finished && finished.nanos > 0n) this.floor = engineTimeParam(finished);
        // A container that was created but never started has not stopped either.
        if (info.State.Status !== 'created') await this.marker({ kind: 'stopped', exitCode: info.State.ExitCode });
      }
      const outcome = await waiter.next(this.abort.signal);
      if (outcome === 'destroy') return 'removed';
      // A start is the next run; after a resync, following again re-inspects and finds out.
      return outcome === 'start' ? 'next' : 'same';
    } finally {
      waiter.dispose();
    }
  }

  private async marker(marker: LogMarker): Promise<void> {
    await this.coalescer.flush();
    try {
      this.emit('marker', marker);
    } catch (error) {
      this.emit('warning', error);
    }
  }

  private async reconnecting(error: unknown): Promise<void> {
    const reason = engineErrorMessage(error);
    if (reason !== this.lastReason) await this.marker({ kind: 'reconnecting', reason });
    this.lastReason = reason;
    await sleep(this.retry.next(), this.abort.signal);
  }

  private recovered(): void {
    this.retry.reset();
    this.lastReason = undefined;
  }
}
