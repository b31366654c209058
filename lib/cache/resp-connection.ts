import { connect, type Socket } from 'node:net';
import { encodeCommand, RedisReplyError, RespReader, type Reply } from './resp';

/** Where a `redis://` URL points: host, port, credentials, database number. */
export interface RedisEndpoint {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
}

/** The endpoint of a `redis://[user:password@]host[:port][/db]` URL. */
export function endpointOf(url: string): RedisEndpoint {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`not a Redis database number: '${parsed.pathname.slice(1)}'`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db,
  };
}

export interface ConnectionTiming {
  /** How long connecting (TCP, then AUTH / SELECT) may take before the attempt is dropped. */
  readonly connectTimeoutMs: number;
  /** The longest wait between two attempts (they start at 50 ms and double). */
  readonly retryAfterMs: number;
}

/** What a connection tells its owner: every reply in order, and when it is ready or lost. */
export interface ConnectionEvents {
  reply(reply: Reply): void;
  state(up: boolean): void;
}

/** Bytes read at once from the socket, into one buffer reused for every read. */
const READ_BUFFER = 64 * 1024;

/**
 * One TCP connection to Redis that opens again, with a growing pause, whenever it is lost. It is ready once the
 * handshake (AUTH, SELECT) is answered; it queues nothing while not ready. Replies are read into a buffer of its
 * own (no stream in between) and handed over in order.
 */
export class RespConnection {
  #socket: Socket | undefined;
  #ready = false;
  #closed = false;
  #retries = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #giveUp: NodeJS.Timeout | undefined;
  /** Handshake replies still awaited on the current socket. */
  #handshake = 0;
  readonly #reader = new RespReader();
  readonly #buffer = Buffer.allocUnsafe(READ_BUFFER);

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly timing: ConnectionTiming,
    private readonly events: ConnectionEvents,
  ) {
    this.#open();
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** Sends a command; false (nothing sent) when not ready. */
  write(text: string): boolean {
    if (!this.#ready) return false;
    this.#socket!.write(text);
    return true;
  }

  #open(): void {
    const { host, port } = this.endpoint;
    const socket: Socket = connect({
      host,
      port,
      noDelay: true,
      keepAlive: true,
      keepAliveInitialDelay: 5000,
      onread: { buffer: this.#buffer, callback: (size: number): boolean => this.#received(socket, size) },
    });
    this.#socket = socket;
    const giveUp = setTimeout(() => socket.destroy(), this.timing.connectTimeoutMs);
    giveUp.unref();
    socket.once('connect', () => this.#greet(socket));
    socket.once('close', () => {
      clearTimeout(giveUp);
      this.#lost(socket);
    });
    socket.on('error', () => undefined); // 'close' follows every error
    this.#giveUp = giveUp;
  }

  #greet(socket: Socket): void {
    const { username, password, db } = this.endpoint;
    const handshake: string[][] = [];
    if (password !== undefined) handshake.push(username !== undefined ? ['AUTH', username, password] : ['AUTH', password]);
    if (db !== 0) handshake.push(['SELECT', String(db)]);
    this.#handshake = handshake.length;
    if (handshake.length === 0) this.#becomeReady();
    else socket.write(handshake.map(encodeCommand).join(''));
  }

  #becomeReady(): void {
    clearTimeout(this.#giveUp);
    this.#ready = true;
    this.#retries = 0;
    this.events.state(true);
  }

  /** Reads what arrived; true keeps the socket reading. */
  #received(socket: Socket, size: number): boolean {
    if (socket !== this.#socket) return false;
    try {
      this.#reader.feed(this.#buffer.subarray(0, size), (reply) => this.#reply(socket, reply));
    } catch {
      socket.destroy(); // not RESP: whatever answers is not Redis, or the stream is out of step
    }
    return true;
  }

  #reply(socket: Socket, reply: Reply): void {
    if (this.#handshake === 0) {
      this.events.reply(reply);
      return;
    }
    if (reply instanceof RedisReplyError) {
      socket.destroy();
      return;
    }
    if (--this.#handshake === 0) this.#becomeReady();
  }

  #lost(socket: Socket): void {
    if (socket !== this.#socket) return;
    const wasReady = this.#ready;
    this.#socket = undefined;
    this.#ready = false;
    this.#reader.reset();
    if (wasReady) this.events.state(false);
    if (this.#closed) return;
    const pause = Math.min(50 * 2 ** this.#retries++, this.timing.retryAfterMs);
    this.#retryTimer = setTimeout(() => this.#open(), pause);
    this.#retryTimer.unref();
  }

  /** Closes the connection for good. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#giveUp);
    this.#socket?.destroy();
  }
}
