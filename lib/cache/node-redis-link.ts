import type { EventSource, RedisLink } from './redis-link';

interface NodeRedisClient extends EventSource {
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[]): Promise<unknown>;
  duplicate(): NodeRedisClient;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  destroy?(): void;
  disconnect?(): Promise<void>;
}

function shut(client: NodeRedisClient): void {
  try {
    if (client.destroy) client.destroy();
    else void client.disconnect?.().catch(() => undefined);
  } catch {
    // already closed
  }
}

/**
 * A link over node-redis (`redis`): the client given, or one made from the URL with no offline queue (a command
 * while disconnected fails at once) and quick reconnects. Errors go to the cache's breaker, never to an
 * unhandled 'error' event.
 */
export class NodeRedisLink implements RedisLink {
  readonly #client: NodeRedisClient;
  readonly #owned: boolean;
  #subscriber: NodeRedisClient | undefined;
  readonly #listeners: Array<(kind: 'commands' | 'subscription', up: boolean) => void> = [];

  constructor(client: unknown, owned: boolean) {
    this.#client = client as NodeRedisClient;
    this.#owned = owned;
    this.#watch(this.#client, 'commands');
    if (owned) this.#client.connect().catch(() => undefined);
  }

  /** A client for `url`, created with the options the cache needs. */
  static fromUrl(url: string, timeoutMs: number, retryAfterMs: number): NodeRedisLink {
    const { optionalRequire } = require('../util/optional-require') as typeof import('../util/optional-require');
    const redis = optionalRequire<{ createClient(options: object): unknown }>('redis', 'a Redis cache over TLS (cache.url rediss://)');
    const client = redis.createClient({
      url,
      disableOfflineQueue: true,
      // The store bounds every command itself; node-redis's own default timeout would arm a second timer per command.
      commandOptions: { timeout: 0 },
      socket: {
        connectTimeout: Math.max(timeoutMs * 10, 1000),
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, retryAfterMs),
      },
    });
    return new NodeRedisLink(client, true);
  }

  #watch(client: NodeRedisClient, kind: 'commands' | 'subscription'): void {
    client.on('error', () => this.#emit(kind, false));
    client.on('end', () => this.#emit(kind, false));
    client.on('reconnecting', () => this.#emit(kind, false));
    client.on('ready', () => this.#emit(kind, true));
  }

  #emit(kind: 'commands' | 'subscription', up: boolean): void {
    for (const listener of this.#listeners) listener(kind, up);
  }

  command(args: readonly string[]): Promise<unknown> {
    return this.#client.sendCommand(args);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    const subscriber = this.#client.duplicate();
    this.#subscriber = subscriber;
    this.#watch(subscriber, 'subscription');
    await subscriber.connect();
    await subscriber.subscribe(channel, onMessage);
  }

  onState(listener: (kind: 'commands' | 'subscription', up: boolean) => void): void {
    this.#listeners.push(listener);
  }

  async close(): Promise<void> {
    this.#listeners.length = 0;
    if (this.#subscriber) shut(this.#subscriber);
    if (this.#owned) shut(this.#client);
  }
}
