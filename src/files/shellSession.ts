import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { engineErrorMessage, engineStatusCode } from '../engine/engineErrors';
import type { EngineClient } from '../engine/engineClient';

/** Quotes one argument for a POSIX shell: everything literal, newlines and quotes included. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** argv as one shell command line, every word quoted, so no shell syntax in it takes effect. */
export function shellCommand(argv: string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** The session could not run the command: the shell is missing, exited, or the container stopped or froze. */
export class SessionLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionLostError';
  }
}

export interface SessionResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Pending {
  end: string;
  resolve: (result: SessionResult) => void;
  reject: (err: Error) => void;
}

/**
 * One `sh` in a running container, kept open while files are browsed and fed one command at a time
 * on stdin. Every exec costs the runtime a process set up in the container's namespaces (about 50 ms
 * on the benchmark machine, more than listing 10,000 entries takes); a command sent to a waiting
 * shell costs a fork. The shell shows in `docker top` while it lives, and exits after a quiet spell.
 *
 * Each command is followed by `printf` of a per-command random marker and its status on stdout and
 * of the marker on stderr; the result is complete when both have arrived (the two streams are
 * separate pipes and interleave freely). The markers are random, so no file name can fake one.
 */
export class ShellSession {
  private stdout = '';
  private stderr = '';
  private outSearched = 0;
  private errSearched = 0;
  private outAt = -1;
  private errAt = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Pending | undefined;
  private waiting = 0;
  private lostReason: string | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly stream: Duplex,
    private readonly idleMs: number,
    private readonly onClosed: () => void,
  ) {}

  /** Starts `sh` in the container. Rejects when the engine refuses the exec (stopped, paused: 409). */
  static async open(client: EngineClient, containerId: string, options: { idleMs: number; onClosed: () => void }): Promise<ShellSession> {
    let stream: Duplex;
    try {
      const execId = await client.createExec(containerId, { Cmd: ['sh'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
      stream = await client.startExec(execId, { stdin: true });
    } catch (err) {
      throw new SessionLostError(`${engineErrorMessage(err)}${engineStatusCode(err) === 409 ? ' (not running)' : ''}`);
    }
    const session = new ShellSession(stream, options.idleMs, options.onClosed);
    session.attach(client);
    return session;
  }

  private attach(client: EngineClient): void {
    const out = new PassThrough();
    const err = new PassThrough();
    // A character's bytes can be split between two frames.
    const outText = new StringDecoder('utf8');
    const errText = new StringDecoder('utf8');
    out.on('data', (chunk: Buffer) => {
      this.stdout += outText.write(chunk);
      this.settle();
    });
    err.on('data', (chunk: Buffer) => {
      this.stderr += errText.write(chunk);
      this.settle();
    });
    client.demuxStream(this.stream, out, err);
    const lost = (reason: string): void => this.lose(reason);
    this.stream.on('end', () => lost(this.stdout.trim() || 'the shell exited'));
    this.stream.on('close', () => lost(this.stdout.trim() || 'the shell exited'));
    this.stream.on('error', (e: Error) => lost(e.message));
  }

  get closed(): boolean {
    return this.lostReason !== undefined;
  }

  /** A command is running (or queued). */
  get busy(): boolean {
    return this.pending !== undefined || this.waiting > 0;
  }

  /** Runs a script in a subshell (its `cd` or `exec` do not touch the session) and collects its output and status. */
  run(script: string): Promise<SessionResult> {
    this.waiting++;
    const next = this.queue.then(() => {
      this.waiting--;
      return this.send(script);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(script: string): Promise<SessionResult> {
    if (this.lostReason !== undefined) return Promise.reject(new SessionLostError(this.lostReason));
    clearTimeout(this.idleTimer);
    const end = `berth-end-${randomBytes(8).toString('hex')}`;
    const command = `(\n${script}\n) </dev/null; printf '\\n${end} %d\\n' $?; printf '\\n${end}\\n' >&2\n`;
    return new Promise<SessionResult>((resolve, reject) => {
      this.pending = {
        end,
        resolve: (result) => {
          // Unref'd: an idle shell must not keep a process (a test, the benchmark) alive.
          this.idleTimer = setTimeout(() => this.close(), this.idleMs).unref();
          resolve(result);
        },
        reject,
      };
      this.stream.write(command);
    });
  }

  private settle(): void {
    const pending = this.pending;
    if (!pending) return;
    // The markers come last: search only text not searched before (a 10,000-entry listing arrives in
    // hundreds of frames), and keep what was found, as the other stream's marker may come later.
    if (this.outAt < 0) {
      const mark = `\n${pending.end} `;
      this.outAt = this.stdout.indexOf(mark, Math.max(0, this.outSearched - mark.length));
      this.outSearched = this.stdout.length;
    }
    if (this.errAt < 0) {
      const mark = `\n${pending.end}\n`;
      this.errAt = this.stderr.indexOf(mark, Math.max(0, this.errSearched - mark.length));
      this.errSearched = this.stderr.length;
    }
    const { outAt, errAt } = this;
    if (outAt < 0 || errAt < 0) return;
    const status = /^(\d+)\n/.exec(this.stdout.slice(outAt + pending.end.length + 2));
    if (!status) return;
    const result = { stdout: this.stdout.slice(0, outAt), stderr: this.stderr.slice(0, errAt), exitCode: Number(status[1]) };
    this.stdout = '';
    this.stderr = '';
    this.outSearched = 0;
    this.errSearched = 0;
    this.outAt = -1;
    this.errAt = -1;
    this.pending = undefined;
    pending.resolve(result);
  }

  private lose(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    clearTimeout(this.idleTimer);
    this.pending?.reject(new SessionLostError(reason));
    this.pending = undefined;
    this.stream.destroy();
    this.onClosed();
  }

  /** Ends the shell (a command still running is abandoned). */
  close(): void {
    if (this.lostReason !== undefined) return;
    this.stream.end('exit\n');
    this.lose('closed');
  }
}
