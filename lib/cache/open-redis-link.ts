import type { ResolvedCacheConfig } from './cache-config';
import { IoredisLink } from './ioredis-link';
import { NodeRedisLink } from './node-redis-link';
import { isIoredis, type RedisLink } from './redis-link';
import { RespLink } from './resp-link';

/**
 * The link for `cache.url` (essencia's own for `redis://`, a node-redis client it owns for `rediss://`) or
 * `cache.client` (node-redis or ioredis).
 */
export function openRedisLink(config: ResolvedCacheConfig): RedisLink {
  const { url, timeoutMs, retryAfterMs } = config;
  if (url !== undefined) {
    return /^redis:/i.test(url) ? RespLink.fromUrl(url, timeoutMs, retryAfterMs) : NodeRedisLink.fromUrl(url, timeoutMs, retryAfterMs);
  }
  const client = config.client as object;
  return isIoredis(client) ? new IoredisLink(client) : new NodeRedisLink(client, false);
}
