import type { Driver } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import { ConfigError } from '../errors';
import { modelMeta } from '../metadata/model-meta';
import { resolveCacheConfig, type CacheConfig, type ResolvedCacheConfig } from './cache-config';
import { CacheKeys } from './cache-keys';
import { cacheSecrets } from './cache-secret';
import { CacheCounters, type CacheStats } from './cache-stats';
import { CachingDriver } from './caching-driver';
import { EntrySeals } from './entry-seal';
import { LocalStore } from './local-store';
import { openRedisLink } from './open-redis-link';
import { isIoredis, isNodeRedis } from './redis-link';
import { RedisStore } from './redis-store';
import { RowCache } from './row-cache';

interface Running {
  readonly rows: RowCache;
  readonly local: LocalStore;
  readonly remote?: RedisStore;
  readonly started: Promise<void>;
}

/**
 * A database's cache (`db.cache`): where `findById` and unique lookups of models with `@Model({ cache: { ttl } })`
 * are kept, in-process or in Redis (see docs/cache.md).
 *
 * @example
 * const db = DatabaseFactory.createDatabase({ name: 'pg_main', url, cache: { url: 'redis://127.0.0.1:6379/0' } });
 * db.cache.stats();                  // { hits, localHits, misses, errors, bypasses, state }
 * await db.cache.invalidate(Patient); // every cached Patient is stale
 */
export class DatabaseCache {
  readonly #config: ResolvedCacheConfig;
  readonly #counters = new CacheCounters();
  #running: Running | undefined;

  constructor(
    readonly database: string,
    config: CacheConfig | undefined,
  ) {
    this.#config = resolveCacheConfig(database, config);
    const client = this.#config.client as object | undefined;
    if (client && !isIoredis(client) && !isNodeRedis(client)) {
      throw new ConfigError(`database '${database}': cache.client is not a node-redis or ioredis client`);
    }
  }

  /** `driver` behind this cache (the driver itself when the cache is turned off). */
  wrap(driver: Driver, models: () => readonly ModelMeta[]): Driver {
    return this.#config.enabled ? new CachingDriver(driver, () => this.#run().rows, this.#counters, models) : driver;
  }

  #run(): Running {
    if (this.#running) return this.#running;
    const config = this.#config;
    const shared = config.url !== undefined || config.client !== undefined;
    const secrets = cacheSecrets(this.database, config.secret, shared);
    const keys = new CacheKeys(config.prefix, secrets.naming);
    const local = new LocalStore(config.maxEntries);
    const remote = shared
      ? new RedisStore(openRedisLink(config), keys, local, this.#counters, config.timeoutMs, config.retryAfterMs, config.localTtlMs > 0)
      : undefined;
    const rows = new RowCache(keys, new EntrySeals(secrets.mac), local, remote, this.#counters, config.localTtlMs);
    this.#running = { rows, local, remote, started: remote ? remote.start() : Promise.resolve() };
    return this.#running;
  }

  /** Connects to Redis, if configured (bounded by its timeout: a Redis that is down delays nothing). */
  async start(): Promise<void> {
    if (!this.#config.enabled) return;
    await this.#run().started;
  }

  /** Counts of reads answered, missed and bypassed, and errors, since the database was created. */
  stats(): CacheStats {
    const state = this.#running?.remote ? (this.#running.remote.isUp ? 'up' : 'down') : 'memory';
    return { ...this.#counters.counts, state };
  }

  /** Makes every cached entry of a model stale, here and in every process sharing the Redis. */
  async invalidate(model: Function): Promise<void> {
    const meta = modelMeta(model);
    if (meta.database !== this.database) {
      throw new ConfigError(`db.cache.invalidate: ${meta.name} belongs to database '${meta.database}', not '${this.database}'`);
    }
    await this.invalidateModels([meta]);
  }

  /** Makes every cached entry of these models stale (after writes essencia made around the models: migrations). */
  async invalidateModels(metas: readonly ModelMeta[]): Promise<void> {
    if (!this.#config.enabled) return;
    for (const meta of metas) if (meta.options.cache) await this.#run().rows.invalidate(meta, undefined);
  }

  /** Every row text held in this process (stored form, as the database holds it), for inspection. */
  localEntries(): string[] {
    return this.#running?.local.texts() ?? [];
  }

  /** Disconnects from Redis (a client you passed stays open) and forgets the in-process entries. */
  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    await running?.started.catch(() => undefined);
    await running?.remote?.close();
  }
}
