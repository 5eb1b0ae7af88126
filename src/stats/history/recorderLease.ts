import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Signal } from '../../engine/signal';
import { writeFileAtomic } from './atomicFile';

// Who records the metrics history. Every window (VS Code or code-server, any number of them on one
// global storage) runs a RecorderLease on the same lease file; exactly one holds it and samples and
// writes, the others read. The file names the holder: its pid, host, start time and a heartbeat it
// renews every heartbeatMs. A holder that stops renewing (crash, kill -9, a machine asleep) is
// replaced once its heartbeat is staleAfterMs old, or at once when its pid is gone from this host;
// a window that closes deletes the file so the next one takes over at its next tick.
//
// Every change to the lease file happens under a short-lived lock file created with O_EXCL (`wx`),
// so two windows can never both judge the lease free and both write themselves in. A lock left by a
// process that died inside that critical section (milliseconds long) is broken after LOCK_STALE_MS.

export interface LeaseHolder {
  ownerId: string;
  pid: number;
  hostname: string;
  /** Which window, in words ("VS Code: my-project"). */
  label: string;
  startedAt: number;
  heartbeatAt: number;
  /** The engine the holder samples (its `/info` ID), once connected. */
  engineId?: string;
}

export type LeaseChangeReason = 'acquired' | 'tookOver' | 'lost' | 'released' | 'observed';

export interface LeaseChange {
  reason: LeaseChangeReason;
  holding: boolean;
  /** The current holder (this window when holding), if any. */
  holder: LeaseHolder | undefined;
  /** On tookOver: the holder whose lease had gone stale. */
  previous?: LeaseHolder;
}

export interface RecorderLeaseOptions {
  filePath: string;
  label: string;
  heartbeatMs: number;
  staleAfterMs: number;
  now?: () => number;
}

const LOCK_STALE_MS = 10_000;

/** Heartbeat and staleness for a sampling interval: a dead holder is replaced within two intervals. */
export function leaseTimingFor(intervalMs: number): { heartbeatMs: number; staleAfterMs: number } {
  const heartbeatMs = Math.max(250, Math.min(1000, Math.floor(intervalMs / 4)));
  return { heartbeatMs, staleAfterMs: Math.max(intervalMs, 3 * heartbeatMs) };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isHolder(value: unknown): value is LeaseHolder {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.ownerId === 'string' &&
    typeof v.pid === 'number' &&
    typeof v.hostname === 'string' &&
    typeof v.label === 'string' &&
    typeof v.startedAt === 'number' &&
    typeof v.heartbeatAt === 'number'
  );
}

/** The lease file's holder, or undefined when there is none (or it is unreadable). */
export async function readLease(filePath: string): Promise<LeaseHolder | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(filePath, 'utf8'));
    return isHolder(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export class RecorderLease {
  readonly onChange = new Signal<LeaseChange>();
  readonly ownerId = randomBytes(8).toString('hex');
  private holdingValue = false;
  private current: LeaseHolder | undefined;
  private engineId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: RecorderLeaseOptions) {
    this.now = options.now ?? Date.now;
  }

  get holding(): boolean {
    return this.holdingValue;
  }

  /** The holder as last read (this window's own record when holding). */
  get holder(): LeaseHolder | undefined {
    return this.current;
  }

  get filePath(): string {
    return this.options.filePath;
  }

  /** First look at once, then every heartbeat. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    if (this.stopped) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.tick(), this.options.heartbeatMs);
  }

  /** Tells the other windows which engine this window samples (written with the next heartbeat). */
  setEngineId(engineId: string | undefined): void {
    this.engineId = engineId;
    if (this.holdingValue) void this.tick();
  }

  /** One round: renew our heartbeat, or take a free or stale lease, or note who holds it. */
  tick(): Promise<void> {
    // Ticks never overlap; a slow disk just makes the next one wait.
    this.ticking ??= this.round().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Stops and, when holding, deletes the lease so another window takes over at its next tick. */
  async release(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    if (!this.holdingValue) return;
    await this.withLock(async () => {
      const onDisk = await readLease(this.options.filePath);
      if (onDisk?.ownerId === this.ownerId) await fs.rm(this.options.filePath, { force: true });
    });
    this.change('released', false, undefined);
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    try {
      const done = await this.withLock(() => this.underLock());
      // Someone else is changing the lease right now; a holder retries soon so its heartbeat holds.
      if (!done && this.holdingValue && !this.stopped) setTimeout(() => void this.tick(), 50);
    } catch {
      // An unreadable or unwritable storage folder: try again at the next tick.
    }
  }

  private async underLock(): Promise<void> {
    const onDisk = await readLease(this.options.filePath);
    const now = this.now();
    if (this.holdingValue) {
      if (onDisk?.ownerId !== this.ownerId) {
        // Our heartbeat lapsed (a machine asleep) and another window took over: stop writing.
        this.change('lost', false, onDisk);
        return;
      }
      await this.write({ ...onDisk, heartbeatAt: now, ...(this.engineId ? { engineId: this.engineId } : {}) });
      return;
    }
    if (onDisk && !this.isStale(onDisk, now)) {
      if (onDisk.ownerId !== this.current?.ownerId || onDisk.engineId !== this.current?.engineId) this.change('observed', false, onDisk);
      else this.current = onDisk;
      return;
    }
    const mine: LeaseHolder = {
      ownerId: this.ownerId,
      pid: process.pid,
      hostname: os.hostname(),
      label: this.options.label,
      startedAt: now,
      heartbeatAt: now,
      ...(this.engineId ? { engineId: this.engineId } : {}),
    };
    await this.write(mine);
    this.change(onDisk ? 'tookOver' : 'acquired', true, mine, onDisk);
  }

  private isStale(holder: LeaseHolder, now: number): boolean {
    if (now - holder.heartbeatAt > this.options.staleAfterMs) return true;
    // On this host a vanished pid means a crash: no need to wait for the heartbeat to age.
    return holder.hostname === os.hostname() && holder.pid !== process.pid && !pidAlive(holder.pid);
  }

  private async write(holder: LeaseHolder): Promise<void> {
    await writeFileAtomic(this.options.filePath, Buffer.from(JSON.stringify(holder)));
    if (holder.ownerId === this.ownerId) this.current = holder;
  }

  private change(reason: LeaseChangeReason, holding: boolean, holder: LeaseHolder | undefined, previous?: LeaseHolder): void {
    this.holdingValue = holding;
    this.current = holder;
    const change: LeaseChange = { reason, holding, holder };
    if (previous) change.previous = previous;
    this.onChange.emit(change);
  }

  /** Runs `work` holding the lock file; false when another process holds it. */
  private async withLock(work: () => Promise<void>): Promise<boolean> {
    const lockPath = `${this.options.filePath}.lock`;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        await fs.mkdir(path.dirname(lockPath), { recursive: true });
        return this.withLock(work);
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = await fs.stat(lockPath).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) await fs.rm(lockPath, { force: true });
      return false;
    }
    try {
      await handle.writeFile(String(process.pid));
      await handle.close();
      await work();
      return true;
    } finally {
      await fs.rm(lockPath, { force: true });
    }
  }
}
