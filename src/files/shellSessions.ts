import type { EngineClient } from '../engine/engineClient';
import { SessionLostError, ShellSession, type SessionResult } from './shellSession';

/** How long a browsing shell waits for the next command before it exits. */
const IDLE_MS = 20_000;
/** A command running longer than this has its container checked: a paused one never answers. */
const WATCH_MS = 1_000;

/**
 * The browsing shells of one engine, one per container, opened on first use. A container where the
 * shell could not start (none in the image, or it exited at once) is remembered and not tried again;
 * callers then run their command as an exec of its own.
 */
export class ShellSessions {
  private readonly sessions = new Map<string, Promise<ShellSession>>();
  private readonly noShell = new Set<string>();

  constructor(
    private readonly client: EngineClient,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Runs a script in the container's shell; rejects with SessionLostError when there is none to use. */
  async run(containerId: string, script: string): Promise<SessionResult> {
    if (this.noShell.has(containerId)) throw new SessionLostError('no shell in this container');
    let session: ShellSession;
    try {
      session = await this.session(containerId);
    } catch (err) {
      this.noteMissingShell(containerId, err);
      throw err;
    }
    // One slow command (a huge or hung folder) must not hold up the next: that one gets an exec of its own.
    if (session.busy) throw new SessionLostError('the browsing shell is busy');
    let watch: NodeJS.Timeout | undefined;
    let done = false;
    const watched = new Promise<never>((_, reject) => {
      const check = (): void => {
        this.client.inspectContainer(containerId).then(
          (info) => {
            if (done) return;
            if (info.State.Running && !info.State.Paused) watch = setTimeout(check, WATCH_MS);
            else reject(new SessionLostError(info.State.Paused ? 'the container is paused' : 'the container is not running'));
          },
          (err: unknown) => reject(new SessionLostError(err instanceof Error ? err.message : String(err))),
        );
      };
      watch = setTimeout(check, WATCH_MS);
    });
    try {
      return await Promise.race([session.run(script), watched]);
    } catch (err) {
      // A frozen or dead shell is no use for the next command either.
      session.close();
      this.noteMissingShell(containerId, err);
      throw err;
    } finally {
      done = true;
      clearTimeout(watch);
    }
  }

  private noteMissingShell(containerId: string, err: unknown): void {
    if (err instanceof Error && /executable file not found|no such file or directory/i.test(err.message)) this.noShell.add(containerId);
  }

  private session(containerId: string): Promise<ShellSession> {
    let session = this.sessions.get(containerId);
    if (!session) {
      const opened = ShellSession.open(this.client, containerId, {
        idleMs: this.idleMs,
        onClosed: () => {
          if (this.sessions.get(containerId) === opened) this.sessions.delete(containerId);
        },
      });
      session = opened;
      this.sessions.set(containerId, opened);
      opened.catch(() => this.sessions.delete(containerId));
    }
    return session;
  }

  dispose(): void {
    for (const session of this.sessions.values()) void session.then((s) => s.close(), () => undefined);
    this.sessions.clear();
  }
}
