import * as net from 'node:net';

/**
 * A TCP pass-through in front of a TLS engine. TLS hides the requests, so it records when the client
 * sent bytes: an idle client sends none (the event stream only flows the other way).
 */
export class TcpByteCounter {
  /** Date.now() of every chunk the client sent, and its size. */
  readonly sent: { at: number; bytes: number }[] = [];
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free loopback port; resolves with it. */
  async start(): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => this.sent.push({ at: Date.now(), bytes: chunk.length }));
      client.pipe(upstream).pipe(client);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
