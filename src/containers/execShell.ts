import type { EngineClient } from '../engine/engineClient';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { engineActionError } from '../engine/actionErrors';

const PROBE_TIMEOUT_MS = 10_000;
const SESSION_MARKER = 'BERTH_SHELL_SESSION';

/** Runs a command without TTY and resolves with its exit code (undefined if it never reported one). */
async function execExitCode(client: EngineClient, containerId: string, cmd: string[]): Promise<number | undefined> {
  let execId: string;
  try {
    execId = await client.createExec(containerId, { Cmd: cmd, AttachStdout: true, AttachStderr: true });
  } catch (err) {
    throw engineActionError(err);
  }
  const stream = await client.startExec(execId);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, PROBE_TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      // The hijacked socket stays half open after 'end'; left alone it keeps the process alive.
      stream.destroy();
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
    stream.resume(); // the probe's output is not needed, but must be drained for 'end' to come
  });
  return exitCodeOfExec(client, execId);
}

/**
 * The exec's exit code. The output stream can end a moment before the engine records the exit, so a
 * "still running" answer is asked again for a short while rather than taken as final.
 */
export async function exitCodeOfExec(client: EngineClient, execId: string, waitMs = 5_000): Promise<number | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const info = await client.inspectExec(execId);
    if (!info.Running) return info.ExitCode ?? undefined;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * '/bin/bash' when the container has it, else '/bin/sh'. Runs bash itself rather than asking a shell,
 * so images without any shell fall through to /bin/sh and let startShell report the engine's error.
 */
export async function detectShell(client: EngineClient, containerId: string): Promise<string> {
  const code = await execExitCode(client, containerId, ['/bin/bash', '-c', 'exit 0']);
  return code === 0 ? '/bin/bash' : '/bin/sh';
}

/**
 * Dropping the connection does not end an exec: the engine leaves the shell running on its TTY. So the
 * session's processes, found by the marker in their environment, get SIGHUP as a closed terminal would
 * send. Best effort: it needs sh and grep in the container, which any container with a shell has.
 */
async function hangUp(client: EngineClient, containerId: string, marker: string): Promise<void> {
  const script = `for d in /proc/[0-9]*; do grep -q '${SESSION_MARKER}=${marker}' "$d/environ" 2>/dev/null && kill -HUP "\${d#/proc/}"; done; exit 0`;
  await execExitCode(client, containerId, ['/bin/sh', '-c', script]);
}

export interface ShellSession {
  write(data: string): void;
  resize(cols: number, rows: number): Promise<void>;
  /** Output arriving before the first listener is kept and handed to it. */
  onData(cb: (text: string) => void): void;
  /** resolves with the exit code when the shell ends (undefined when the session was closed first) */
  exited: Promise<number | undefined>;
  /** Ends the session and hangs up the shell and what it started. */
  close(): void;
}

/** An interactive shell in a TTY exec session, sized from the start. */
export async function startShell(client: EngineClient, containerId: string, shell: string, size: { cols: number; rows: number }): Promise<ShellSession> {
  const marker = randomBytes(8).toString('hex');
  let execId: string;
  let stream: Duplex;
  try {
    execId = await client.createExec(containerId, {
      Cmd: [shell],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // No COLUMNS/LINES: tools that read them would ignore every later resize.
      Env: ['TERM=xterm-256color', `${SESSION_MARKER}=${marker}`],
    });
    stream = await client.startExec(execId, { stdin: true, tty: true });
  } catch (err) {
    throw engineActionError(err);
  }

  const listeners: ((text: string) => void)[] = [];
  let buffered: string[] = [];
  const decoder = new StringDecoder('utf8');
  const emit = (text: string): void => {
    if (!text) return;
    if (listeners.length === 0) buffered.push(text);
    else for (const cb of listeners) cb(text);
  };
  stream.on('data', (chunk: Buffer) => emit(decoder.write(chunk)));

  let ended = false;
  const exited = new Promise<number | undefined>((resolve) => {
    const finish = (): void => {
      if (ended) return;
      ended = true;
      emit(decoder.end());
      stream.destroy(); // half-open hijacked sockets keep the process alive
      exitCodeOfExec(client, execId).then(resolve, () => resolve(undefined));
    };
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  });

  const resize = async (cols: number, rows: number): Promise<void> => {
    try {
      await client.resizeExec(execId, { cols, rows });
    } catch (err) {
      throw engineActionError(err);
    }
  };
  // The first resize can only happen once the exec runs; a failure here is not worth failing the session.
  await resize(size.cols, size.rows).catch(() => undefined);

  return {
    write: (data) => {
      if (!stream.destroyed && stream.writable) stream.write(data);
    },
    resize,
    onData: (cb) => {
      listeners.push(cb);
      if (buffered.length > 0) {
        const pending = buffered;
        buffered = [];
        for (const text of pending) cb(text);
      }
    },
    exited,
    close: () => {
      const running = !ended;
      stream.end();
      stream.destroy();
      if (running) hangUp(client, containerId, marker).catch(() => undefined);
    },
  };
}
