/** The few things the cache asks of a Redis client, whichever library it is. */
export interface RedisLink {
  /** Sends one command (e.g. `['EVALSHA', sha, '1', key]`) and resolves with its reply. */
  command(args: readonly string[]): Promise<unknown>;
  /** Calls `onMessage` for every message on `channel`, over a second connection the link owns. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  /** Called with true when a connection (commands or subscription) is ready again, false when one is lost. */
  onState(listener: (kind: 'commands' | 'subscription', up: boolean) => void): void;
  /** Closes what the link opened (a client the user passed stays open). */
  close(): Promise<void>;
}

/** Minimal shapes of the two supported clients, as far as the links use them. */
export interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Whether `client` looks like an ioredis client (`call` and a `status` string) rather than node-redis. */
export function isIoredis(client: object): boolean {
  return typeof (client as { call?: unknown }).call === 'function' && typeof (client as { status?: unknown }).status === 'string';
}

/** Whether `client` looks like a node-redis client. */
export function isNodeRedis(client: object): boolean {
  return typeof (client as { sendCommand?: unknown }).sendCommand === 'function' && typeof (client as { duplicate?: unknown }).duplicate === 'function';
}
