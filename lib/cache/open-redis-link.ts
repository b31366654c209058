import type { ResolvedCacheConfig } from './cache-config';
import { IoredisLink } from './ioredis-link';
import { NodeRedisLink } from './node-redis-link';
import { isIoredis, type RedisLink } from './redis-link';

/** The link for `cache.url` (a node-redis client essencia owns) or `cache.client` (node-redis or ioredis). */
export function openRedisLink(config: ResolvedCacheConfig): RedisLink {
  if (config.url !== undefined) return NodeRedisLink.fromUrl(config.url, config.timeoutMs, config.retryAfterMs);
  const client = config.client as object;
  return isIoredis(client) ? new IoredisLink(client) : new NodeRedisLink(client, false);
}
