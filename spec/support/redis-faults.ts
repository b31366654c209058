import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A free TCP port on 127.0.0.1 (nothing listens on it once this returns). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A Redis server of this test file's own (faults like CLIENT PAUSE must not reach anyone else's). */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on `port` (default: a free one) with nothing saved, and `requirepass` when given;
 * resolves once it answers.
 */
export async function startPrivateRedis(port?: number, requirepass?: string): Promise<PrivateRedis> {
  port ??= await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (requirepass) args.push('--requirepass', requirepass);
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end('PING\r\n'));
      socket.once('data', (data) => resolve(/^(\+PONG|-NOAUTH)/.test(data.toString())));
      socket.once('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A TCP server that accepts connections and never answers; counts the bytes it was sent. */
export async function blackHole(): Promise<{ url: string; received(): number; close(): Promise<void> }> {
  let bytes = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (data) => (bytes += data.length));
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    url: `redis://127.0.0.1:${port}`,
    received: () => bytes,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP proxy in front of a server: `hang()` keeps connections open but forwards nothing (a network that drops
 * packets), `cut()` drops every connection and refuses new ones, `restore()` forwards again.
 */
export async function faultyProxy(targetPort: number) {
  let mode: 'forward' | 'hang' | 'cut' = 'forward';
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => {
      upstream.destroy();
      pairs.delete(pair);
    });
    upstream.on('close', () => client.destroy());
    client.on('data', (data) => mode === 'forward' && upstream.write(data));
    upstream.on('data', (data) => mode === 'forward' && client.write(data));
  });
  const port = await listen(server);
  const dropAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    hang: () => void (mode = 'hang'),
    cut: () => {
      mode = 'cut';
      dropAll();
    },
    /** Forwards again; connections that hung are dropped (their half-sent commands are lost, as on a real network). */
    restore: () => {
      if (mode === 'hang') dropAll();
      mode = 'forward';
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
