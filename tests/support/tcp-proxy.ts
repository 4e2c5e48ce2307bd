import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  route(url: string): string;
  /**
   * An outage: open connections are cut and new ones refused (`refuse`, as when the server is
   * down), or every connection, open or new, goes silent (`blackhole`, a dead network path).
   */
  cut(mode?: 'refuse' | 'blackhole'): Promise<void>;
  /** Ends the outage: connections are forwarded again. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `target`, for cutting a service off during a test. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'forward' | 'refuse' | 'blackhole' = 'forward';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'refuse') return client.destroy();
    if (mode === 'blackhole') return; // accepted, never answered
    const upstream = createConnection(target);
    track(upstream);
    // Bytes are dropped, not buffered, while blackholed: the connection stays open but goes silent.
    client.on('data', (chunk) => mode === 'forward' && upstream.write(chunk));
    upstream.on('data', (chunk) => mode === 'forward' && client.write(chunk));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    route(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    async cut(next = 'refuse') {
      mode = next;
      if (next === 'blackhole') return;
      for (const socket of sockets) socket.destroy();
      await close();
    },
    async restore() {
      // A connection that lost bytes while blackholed is out of step with the server: cut it.
      for (const socket of sockets) socket.destroy();
      mode = 'forward';
      if (!server.listening) await listen(port);
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await close();
    },
  };
}
