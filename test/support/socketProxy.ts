import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A unix-socket proxy in front of the real engine. Tests stop and restart it to make the engine
 * "go away" without touching the shared engine; it also counts the HTTP requests that pass through.
 */
export class SocketProxy {
  readonly requests: string[] = [];
  /** When each of `requests` passed (Date.now()), same order. */
  readonly requestTimes: number[] = [];
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly clients = new Set<net.Socket>();
  private holdEngineSide = false;

  constructor(
    readonly path: string,
    private readonly target: string,
  ) {}

  async start(): Promise<void> {
    this.holdEngineSide = false;
    if (fs.existsSync(this.path)) fs.unlinkSync(this.path);
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      this.clients.add(client);
      client.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString('latin1').matchAll(/(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g)) {
          this.requests.push(`${match[1]} ${match[2]}`);
          this.requestTimes.push(Date.now());
        }
      });
      client.pipe(upstream).pipe(client);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
        this.clients.delete(client);
      };
      const dropClient = (): void => {
        if (!this.holdEngineSide) return drop();
        // The engine keeps its end and goes on writing into it; nobody reads what it says.
        client.destroy();
        this.sockets.delete(client);
        this.clients.delete(client);
        upstream.unpipe(client);
        upstream.resume();
      };
      client.on('error', dropClient).on('close', dropClient);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.path, resolve));
    this.server = server;
  }

  /**
   * A network partition: clients lose their connections and cannot connect, but the engine's side
   * of each connection stays open, so the engine carries on as if the client were still there
   * (as with an engine that died without cleaning up). start() heals it; stop() closes everything.
   */
  async partition(): Promise<void> {
    this.holdEngineSide = true;
    const server = this.server;
    this.server = undefined;
    for (const client of [...this.clients]) client.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (fs.existsSync(this.path)) fs.unlinkSync(this.path);
  }

  /** Closes the listening socket and every open connection, as a stopped engine would. */
  async stop(): Promise<void> {
    this.holdEngineSide = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (fs.existsSync(this.path)) fs.unlinkSync(this.path);
  }
}

/** A proxy in front of the unix-socket engine `dockerHost` (unix://...), on a fresh socket in the temp folder. */
export function proxyFor(dockerHost: string, name: string): SocketProxy {
  if (!dockerHost.startsWith('unix://')) throw new Error(`a socket proxy needs a unix:// engine, not ${dockerHost}`);
  return new SocketProxy(path.join(os.tmpdir(), `berth-${name}-${randomBytes(4).toString('hex')}.sock`), dockerHost.slice('unix://'.length));
}
