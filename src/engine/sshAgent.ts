import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type AnyAuthMethod, type ClientChannel, type ConnectConfig } from 'ssh2';
import { checkHostKey, hostKeyProblem } from './sshKnownHosts';

/** How to reach an engine over SSH, resolved from the endpoint, ~/.ssh/config and ~/.ssh. */
export interface SshSettings {
  /** The host as the endpoint names it (an alias of ~/.ssh/config, or a name). */
  alias: string;
  /** The host to connect to (HostName from ~/.ssh/config, else the alias). */
  host: string;
  port: number;
  username: string;
  /** SSH_AUTH_SOCK, when an agent runs. */
  agentSocket?: string;
  /** Identity files that could be read, in the order ssh tries them. */
  privateKeys: { file: string; key: string }[];
  /** The texts of the known_hosts files (the user's, then the system's). */
  knownHosts: string[];
}

// sshd's MaxSessions defaults to 10 channels per connection; a log follower or the event stream
// holds one for as long as it runs, so a busy window spreads over several connections.
const CHANNELS_PER_CONNECTION = 8;
// An SSH connection with no open channel is closed after this long.
const IDLE_CONNECTION_MS = 60_000;
const READY_TIMEOUT_MS = 20_000;

interface PooledConnection {
  client: Client;
  ready: Promise<void>;
  channels: number;
  closed: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * An HTTP agent whose sockets are `docker system dial-stdio` channels on long-lived SSH
 * connections, as the docker CLI reaches ssh:// engines. docker-modem's own ssh support opens a new
 * SSH connection, with its handshake, for every request; here one connection carries many requests,
 * and idle channels are kept for the next one (keep-alive).
 */
export class SshAgent extends Agent {
  private readonly pool: PooledConnection[] = [];
  private disposed = false;

  constructor(private readonly settings: SshSettings) {
    super({ keepAlive: true, maxSockets: 64, maxFreeSockets: 4, timeout: 30_000 });
    // Node's Agent calls createConnection(options, callback) and waits for the callback when it returns nothing.
    (this as unknown as { createConnection: (o: unknown, cb: (err: Error | null, s?: Duplex) => void) => undefined }).createConnection = (_o, cb) => {
      this.openChannel().then(
        (channel) => cb(null, channel),
        (err: Error) => cb(err),
      );
      return undefined;
    };
  }

  override destroy(): void {
    this.disposed = true;
    super.destroy();
    for (const pooled of this.pool.splice(0)) {
      clearTimeout(pooled.idleTimer);
      pooled.client.end();
    }
  }

  private async openChannel(): Promise<Duplex> {
    if (this.disposed) throw new Error('The SSH connection was closed.');
    // The channel is counted before it is opened: many requests at once (the stats sampler sends up
    // to 64) must spread over connections instead of all landing on one and passing MaxSessions.
    const pooled = this.pickConnection();
    pooled.channels++;
    clearTimeout(pooled.idleTimer);
    const release = (): void => {
      pooled.channels--;
      if (pooled.channels === 0 && !pooled.closed) {
        pooled.idleTimer = setTimeout(() => pooled.client.end(), IDLE_CONNECTION_MS);
        pooled.idleTimer.unref?.();
      }
    };
    let channel: ClientChannel;
    try {
      await pooled.ready;
      channel = await new Promise<ClientChannel>((resolve, reject) => {
        pooled.client.exec('docker system dial-stdio', (err, ch) => (err ? reject(new Error(`SSH to ${this.settings.alias}: ${err.message}`)) : resolve(ch)));
      });
    } catch (err) {
      release();
      throw err;
    }
    channel.once('close', release);
    return asSocket(channel, this.settings.alias);
  }

  private pickConnection(): PooledConnection {
    const open = this.pool.find((p) => !p.closed && p.channels < CHANNELS_PER_CONNECTION);
    if (open) return open;
    const pooled = this.connect();
    this.pool.push(pooled);
    return pooled;
  }

  private connect(): PooledConnection {
    const { host, port, username, alias } = this.settings;
    const client = new Client();
    let refusal: string | undefined;
    const pooled: PooledConnection = { client, channels: 0, closed: false, ready: Promise.resolve() };
    const forget = (): void => {
      pooled.closed = true;
      clearTimeout(pooled.idleTimer);
      const at = this.pool.indexOf(pooled);
      if (at >= 0) this.pool.splice(at, 1);
    };
    pooled.ready = new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', (err: Error & { level?: string; code?: string }) => {
        forget();
        // The code (ECONNREFUSED, ENOTFOUND, ...) lets the connection's classifier name the problem.
        reject(Object.assign(new Error(refusal ?? sshFailure(err, username, alias)), err.code ? { code: err.code } : {}));
      });
    });
    // Late errors (after ready) end the connection; requests on it fail through their channels.
    client.on('error', () => undefined);
    client.once('close', forget);
    const config: ConnectConfig = {
      host,
      port,
      username,
      readyTimeout: READY_TIMEOUT_MS,
      keepaliveInterval: 15_000,
      authHandler: this.authMethods(),
      hostVerifier: (key: Buffer) => {
        const verdict = checkHostKey(this.settings.knownHosts, alias === host ? host : alias, port, key);
        // ssh also accepts the key when known under the HostName the alias points at.
        const resolved = verdict === 'unknown' && alias !== host ? checkHostKey(this.settings.knownHosts, host, port, key) : verdict;
        if (resolved === 'trusted') return true;
        refusal = hostKeyProblem(resolved, alias, port);
        return false;
      },
    };
    client.connect(config);
    return pooled;
  }

  private authMethods(): AnyAuthMethod[] {
    const { username, agentSocket, privateKeys } = this.settings;
    const methods: AnyAuthMethod[] = [];
    if (agentSocket) methods.push({ type: 'agent', username, agent: agentSocket });
    for (const { key } of privateKeys) methods.push({ type: 'publickey', username, key });
    return methods;
  }
}

function sshFailure(err: Error & { level?: string }, username: string, alias: string): string {
  if (err.level === 'client-authentication') {
    return `SSH to ${username}@${alias} refused every key: add yours to the ssh-agent (ssh-add) or to ~/.ssh (id_ed25519, id_ecdsa, id_rsa), or name it with IdentityFile in ~/.ssh/config.`;
  }
  if (err.level === 'client-timeout') return `SSH to ${alias} timed out during the handshake.`;
  return `SSH to ${alias}: ${err.message}`;
}

/**
 * Gives an SSH channel what Node's HTTP client and agent call on a socket. Keep-alive timeouts are
 * honoured, so idle channels close instead of pinning the connection. A dial-stdio that exits at
 * once (no docker CLI on the host, no permission on its socket) fails with what it printed.
 */
function asSocket(channel: ClientChannel, alias: string): Duplex {
  let stderr = '';
  let received = false;
  channel.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  channel.on('data', () => {
    received = true;
  });
  channel.once('exit', (code: number | null) => {
    if (code !== 0 && !received) {
      const reason = stderr.trim() || `exit status ${code}`;
      (channel as unknown as Duplex).destroy(new Error(`"docker system dial-stdio" failed on ${alias}: ${reason}`));
    }
  });
  let idle: NodeJS.Timeout | undefined;
  const socket = channel as unknown as Socket;
  const shims = {
    setKeepAlive: () => socket,
    setNoDelay: () => socket,
    ref: () => socket,
    unref: () => socket,
    setTimeout: (ms: number, callback?: () => void) => {
      clearTimeout(idle);
      // As net.Socket does: a zero timeout takes the callback off again.
      if (callback) {
        if (ms === 0) channel.removeListener('timeout', callback);
        else channel.once('timeout', callback);
      }
      if (ms > 0) {
        idle = setTimeout(() => channel.emit('timeout'), ms);
        idle.unref?.();
      }
      return socket;
    },
  };
  Object.assign(channel, shims);
  channel.once('close', () => clearTimeout(idle));
  return channel;
}
