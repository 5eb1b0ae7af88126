import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDockerHost } from '../../support/engineHarness';

/**
 * A byte-for-byte relay to the real test engine on a private unix socket, so a test can cut the
 * connection the way a restarting engine or a flaky network would. Nothing in it speaks Docker.
 */
export class EngineProxy {
  readonly socketPath = join(tmpdir(), `berth-logs-proxy-${randomBytes(4).toString('hex')}.sock`);
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  async listen(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    const server = net.createServer((client) => {
      const upstream = this.connectUpstream();
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).on('error', () => undefined);
      upstream.pipe(client).on('error', () => undefined);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, resolve);
    });
  }

  /** Drops every open connection and refuses new ones until listen() is called again. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private connectUpstream(): net.Socket {
    const host = testDockerHost();
    if (host.startsWith('unix://')) return net.connect(host.slice('unix://'.length));
    const url = new URL(host);
    return net.connect(Number(url.port), url.hostname);
  }
}
