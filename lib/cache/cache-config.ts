import { ConfigError } from '../errors';
import { endpointOf } from './resp-connection';

/**
 * The `cache` option of `createDatabase`. Without `url` or `client` the cache is an in-process LRU; with one,
 * entries are shared through Redis and each process keeps a short-lived in-process copy in front of it.
 */
export interface CacheConfig {
  /**
   * `redis://` URL (a password and a database number may be given: `redis://:password@host:6379/3`), served by
   * essencia's own client; or `rediss://` (TLS), which needs the package `redis`.
   */
  url?: string;
  /** A connected node-redis or ioredis client of yours (not closed by essencia). */
  client?: unknown;
  /**
   * The secret that names keys and authenticates entries (a string of 32+ characters, or 32+ bytes). Default: one
   * derived from the active encryption key. Every process sharing one Redis must have the same.
   */
  secret?: string | Uint8Array;
  /** Prefix of every Redis key and of the invalidation channel. Default `essencia:<database name>:`. */
  prefix?: string;
  /** Entries the in-process store holds at most (least recently used go first). Default 10 000. */
  maxEntries?: number;
  /** With Redis: how long an in-process copy lives, in ms (0: none, every read asks Redis). Default 1000. */
  localTtlMs?: number;
  /** With Redis: the longest one command may take before the read goes to the database, in ms. Default 100. */
  timeoutMs?: number;
  /** With Redis: after a failure, how long to leave it alone before trying again, in ms. Default 1000. */
  retryAfterMs?: number;
  /** `false` turns the cache off for this database. */
  enabled?: boolean;
}

/** A validated configuration with its defaults. */
export interface ResolvedCacheConfig {
  readonly enabled: boolean;
  readonly url?: string;
  readonly client?: unknown;
  readonly secret?: Buffer;
  readonly prefix: string;
  readonly maxEntries: number;
  readonly localTtlMs: number;
  readonly timeoutMs: number;
  readonly retryAfterMs: number;
}

function count(database: string, name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(`database '${database}': cache.${name} must be an integer ≥ ${min}`);
  }
  return value;
}

function secretOf(database: string, secret: unknown): Buffer | undefined {
  if (secret === undefined) return undefined;
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret instanceof Uint8Array ? Buffer.from(secret) : undefined;
  if (!bytes || bytes.length < 32) throw new ConfigError(`database '${database}': cache.secret must be a string or bytes of length ≥ 32`);
  return bytes;
}

/** Checks the `cache` option of a database and fills in the defaults. */
export function resolveCacheConfig(database: string, config: CacheConfig | undefined): ResolvedCacheConfig {
  if (config !== undefined && (config === null || typeof config !== 'object')) {
    throw new ConfigError(`database '${database}': cache must be an object`);
  }
  const c = config ?? {};
  if (c.url !== undefined && c.client !== undefined) throw new ConfigError(`database '${database}': give cache.url or cache.client, not both`);
  if (c.url !== undefined && (typeof c.url !== 'string' || !/^rediss?:\/\//i.test(c.url))) {
    throw new ConfigError(`database '${database}': cache.url must start with redis:// or rediss://`);
  }
  if (c.url !== undefined && /^redis:/i.test(c.url)) {
    try {
      endpointOf(c.url);
    } catch (error) {
      throw new ConfigError(`database '${database}': cache.url: ${(error as Error).message}`);
    }
  }
  if (c.client !== undefined && (c.client === null || typeof c.client !== 'object')) {
    throw new ConfigError(`database '${database}': cache.client must be a node-redis or ioredis client`);
  }
  if (c.prefix !== undefined && (typeof c.prefix !== 'string' || c.prefix.length > 100)) {
    throw new ConfigError(`database '${database}': cache.prefix must be a string of at most 100 characters`);
  }
  return {
    enabled: c.enabled !== false,
    url: c.url,
    client: c.client,
    secret: secretOf(database, c.secret),
    prefix: c.prefix ?? `essencia:${database}:`,
    maxEntries: count(database, 'maxEntries', c.maxEntries, 10_000, 1),
    localTtlMs: count(database, 'localTtlMs', c.localTtlMs, 1000, 0),
    timeoutMs: count(database, 'timeoutMs', c.timeoutMs, 100, 1),
    retryAfterMs: count(database, 'retryAfterMs', c.retryAfterMs, 1000, 1),
  };
}
