import type { RedisLink } from './redis-link';
import { encodeCommand, RedisReplyError, type Reply } from './resp';
import { endpointOf, RespConnection, type ConnectionTiming, type RedisEndpoint } from './resp-connection';

interface Waiting {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

type StateListener = (kind: 'commands' | 'subscription', up: boolean) => void;

/**
 * essencia's own link for `cache.url` (`redis://`): RESP over a plain socket, one connection for commands and one
 * for the invalidation channel. A round trip through a general client costs the cache more CPU than everything
 * else it does on a hit; this one writes each command at once and matches replies in order, nothing more. It
 * queues nothing while disconnected (a command then fails at once, and the breaker takes over).
 */
export class RespLink implements RedisLink {
  readonly #commands: RespConnection;
  readonly #waiting: Waiting[] = [];
  readonly #listeners: StateListener[] = [];
  #subscriber: RespConnection | undefined;

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly timing: ConnectionTiming,
  ) {
    this.#commands = new RespConnection(endpoint, timing, {
      reply: (reply) => this.#answer(reply),
      state: (up) => {
        if (!up) this.#dropWaiting(new Error('connection to Redis lost'));
        this.#emit('commands', up);
      },
    });
  }

  /** A link for `url`, reconnecting at most every `retryAfterMs`. */
  static fromUrl(url: string, timeoutMs: number, retryAfterMs: number): RespLink {
    return new RespLink(endpointOf(url), { connectTimeoutMs: Math.max(timeoutMs * 10, 1000), retryAfterMs });
  }

  command(args: readonly string[]): Promise<unknown> {
    return new Promise<Reply>((resolve, reject) => {
      if (this.#commands.write(encodeCommand(args))) this.#waiting.push({ resolve, reject });
      else reject(new Error('not connected to Redis'));
    });
  }

  #answer(reply: Reply): void {
    const waiting = this.#waiting.shift();
    if (!waiting) return;
    if (reply instanceof RedisReplyError) waiting.reject(reply);
    else waiting.resolve(reply);
  }

  #dropWaiting(error: Error): void {
    for (const waiting of this.#waiting.splice(0)) waiting.reject(error);
  }

  /** Subscribes on a connection of its own, again after every reconnect; resolves at the first confirmation. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const subscriber = new RespConnection(this.endpoint, this.timing, {
        reply: (reply) => {
          if (!Array.isArray(reply) || reply[1] !== channel) return;
          if (reply[0] === 'message' && typeof reply[2] === 'string') onMessage(reply[2]);
          else if (reply[0] === 'subscribe') {
            resolve();
            this.#emit('subscription', true);
          }
        },
        state: (up) => {
          if (up) subscriber.write(encodeCommand(['SUBSCRIBE', channel]));
          else this.#emit('subscription', false);
        },
      });
      this.#subscriber = subscriber;
    });
  }

  onState(listener: StateListener): void {
    this.#listeners.push(listener);
  }

  #emit(kind: 'commands' | 'subscription', up: boolean): void {
    for (const listener of this.#listeners) listener(kind, up);
  }

  async close(): Promise<void> {
    this.#listeners.length = 0;
    this.#subscriber?.close();
    this.#commands.close();
    this.#dropWaiting(new Error('Redis link closed'));
  }
}
