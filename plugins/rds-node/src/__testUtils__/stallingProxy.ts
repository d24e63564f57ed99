import net from 'node:net';

/** A TCP proxy to a Postgres server that can make one connection stall, like a dead network path. */
export interface StallingProxy {
  host: string;
  port: number;
  /**
   * The first connection whose client then sends `text` (e.g. `CREATE DATABASE`) stops
   * forwarding in both directions from that chunk on, and keeps both sockets open: the
   * server never sees the statement nor the client leaving. Other connections are forwarded.
   */
  stallOn(text: string): void;
  /** How many connections are stalled now. */
  stalledCount(): number;
  /** Forgets the stall: stalled connections are closed on both sides. */
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket;
  stalled: boolean;
}

export async function startStallingProxy(target: {
  host: string;
  port: number;
}): Promise<StallingProxy> {
  const pairs = new Set<Pair>();
  let armed: string | undefined;

  const forget = (pair: Pair) => {
    pair.client.destroy();
    pair.server.destroy();
    pairs.delete(pair);
  };

  const proxy = net.createServer(client => {
    const server = net.connect(target.port, target.host);
    const pair: Pair = { client, server, stalled: false };
    pairs.add(pair);
    // Keeps the end of the previous chunk so a statement split across chunks is seen.
    let tail = '';
    client.on('data', chunk => {
      if (pair.stalled) return;
      const seen = tail + chunk.toString('latin1');
      if (armed && seen.includes(armed)) {
        armed = undefined;
        pair.stalled = true;
        return;
      }
      tail = seen.slice(-64);
      server.write(chunk);
    });
    server.on('data', chunk => {
      if (!pair.stalled) client.write(chunk);
    });
    // A stalled path delivers nothing, not even the close of the other side.
    client.on('close', () => {
      if (!pair.stalled) forget(pair);
    });
    server.on('close', () => {
      if (!pair.stalled) forget(pair);
      else pair.server.destroy();
    });
    client.on('error', () => {});
    server.on('error', () => {});
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    stallOn(text) {
      armed = text;
    },
    stalledCount() {
      return [...pairs].filter(p => p.stalled && !p.server.destroyed).length;
    },
    heal() {
      armed = undefined;
      for (const pair of pairs) if (pair.stalled) forget(pair);
    },
    async close() {
      armed = undefined;
      for (const pair of pairs) forget(pair);
      await new Promise<void>(resolve => proxy.close(() => resolve()));
    },
  };
}
