import type { EventSource, RedisLink } from './redis-link';

interface IoredisClient extends EventSource {
  readonly status: string;
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IoredisClient;
  subscribe(channel: string): Promise<unknown>;
  disconnect(): void;
}

/** A link over an ioredis client the user passed; the subscription is a duplicate of it that the link owns. */
export class IoredisLink implements RedisLink {
  readonly #client: IoredisClient;
  #subscriber: IoredisClient | undefined;
  readonly #listeners: Array<(kind: 'commands' | 'subscription', up: boolean) => void> = [];

  constructor(client: unknown) {
    this.#client = client as IoredisClient;
    this.#watch(this.#client, 'commands');
  }

  #watch(client: IoredisClient, kind: 'commands' | 'subscription'): void {
    client.on('error', () => this.#emit(kind, false));
    client.on('close', () => this.#emit(kind, false));
    client.on('ready', () => this.#emit(kind, true));
  }

  #emit(kind: 'commands' | 'subscription', up: boolean): void {
    for (const listener of this.#listeners) listener(kind, up);
  }

  command(args: readonly string[]): Promise<unknown> {
    const [name, ...rest] = args;
    return this.#client.call(name!, ...rest);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    const subscriber = this.#client.duplicate();
    this.#subscriber = subscriber;
    this.#watch(subscriber, 'subscription');
    subscriber.on('message', (got: unknown, message: unknown) => {
      if (got === channel && typeof message === 'string') onMessage(message);
    });
    await subscriber.subscribe(channel);
  }

  onState(listener: (kind: 'commands' | 'subscription', up: boolean) => void): void {
    this.#listeners.push(listener);
  }

  async close(): Promise<void> {
    this.#listeners.length = 0;
    this.#subscriber?.disconnect();
  }
}
