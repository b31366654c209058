import { Redis as IoRedis } from 'ioredis';
import { DatabaseFactory, Model, type CacheConfig, type Database } from '../../lib';
import { connectionOptions } from '../config';
import { createTableSql } from '../data';
import type { BenchRow, Contender } from '../types';
import { activeRecordWorkloads, BenchUserFields } from './active-record';
import { sqlOf } from './essencia';

@Model({ database: 'bench_cache_lru', collection: 'bench_cache_lru', cache: { ttl: 600 } })
class LruUser extends BenchUserFields {}

@Model({ database: 'bench_cache_redis', collection: 'bench_cache_redis', cache: { ttl: 600 } })
class RedisUser extends BenchUserFields {}

@Model({ database: 'bench_cache_ioredis', collection: 'bench_cache_ioredis', cache: { ttl: 600 } })
class IoredisUser extends BenchUserFields {}

@Model({ database: 'bench_cache_redis_local', collection: 'bench_cache_redis_local', cache: { ttl: 600 } })
class RedisLocalUser extends BenchUserFields {}

type CachedModel = typeof LruUser;

/** essencia with `@Model({ cache })`; `database` is also the table's name. `cache` is made at each setup. */
function cachedContender(name: string, Model: CachedModel, database: string, url: string, makeCache: () => CacheConfig | undefined): Contender {
  let db!: Database;
  let run!: ReturnType<typeof sqlOf>;
  let cache: CacheConfig | undefined;
  return {
    name,
    async setup() {
      cache = makeCache();
      db = DatabaseFactory.createDatabase({
        name: database,
        url,
        cache,
        options: { poolSize: connectionOptions.max, driverOptions: { connection: connectionOptions.connection } },
      });
      await db.connect();
      run = sqlOf(db);
      await run(createTableSql(database));
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(database);
      (cache?.client as IoRedis | undefined)?.disconnect();
    },
    async reset() {
      await run(`TRUNCATE ${database}`);
      await db.cache.invalidate(Model);
    },
    async seed(rows: readonly BenchRow[]) {
      await Model.insertMany(rows, { batchSize: 1000 });
    },
    async settings() {
      const { rows } = await run(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(rows[0]!.synchronous_commit), cache: JSON.stringify(db.cache.stats().state) };
    },
    workloads: activeRecordWorkloads(Model, () => db),
  };
}

/**
 * The cache's contenders: the in-process LRU; with `redisUrl`, Redis with no in-process copies (every read is a
 * Redis round trip) through essencia's own link (`url`) and through an ioredis client, and Redis with them (the
 * default 1 s).
 */
export function cacheContenders(url: string, redisUrl: string | undefined): Contender[] {
  const out = [cachedContender('cached: in-process LRU', LruUser, 'bench_cache_lru', url, () => undefined)];
  if (redisUrl) {
    // A prefix (so an invalidation channel) of each contender's own: a subscriber in this process must not
    // spend the CPU of another contender's writes reading their eviction messages.
    const cache = (name: string): CacheConfig => ({ prefix: `essencia-bench:${process.pid}:${name}:`, secret: 'essencia bench secret, not a real one...' });
    out.push(cachedContender('cached: Redis', RedisUser, 'bench_cache_redis', url, () => ({ ...cache('redis'), url: redisUrl, localTtlMs: 0 })));
    out.push(
      cachedContender('cached: ioredis', IoredisUser, 'bench_cache_ioredis', url, () => ({ ...cache('ioredis'), client: new IoRedis(redisUrl), localTtlMs: 0 })),
    );
    out.push(cachedContender('cached: Redis + local', RedisLocalUser, 'bench_cache_redis_local', url, () => ({ ...cache('local'), url: redisUrl })));
  }
  return out;
}
