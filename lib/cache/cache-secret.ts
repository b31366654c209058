import { hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors';
import { getKeyRing, hasEncryptionKey } from '../codec/encryption/key-ring';

/** The two HMAC keys of a cache: one names keys, one authenticates entries. */
export interface CacheSecrets {
  readonly naming: Buffer;
  readonly mac: Buffer;
}

const SALT = Buffer.from('essencia-cache-v1', 'utf8');

function derive(material: Buffer): CacheSecrets {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', material, SALT, Buffer.from(info, 'utf8'), 32));
  return { naming: sub('essencia:cache:names'), mac: sub('essencia:cache:mac') };
}

/**
 * The cache's keys: from `cache.secret`, else from the active encryption key. An in-process cache with neither
 * gets random ones (nobody else reads it); a shared one is a ConfigError, since processes must agree.
 */
export function cacheSecrets(database: string, secret: Buffer | undefined, shared: boolean): CacheSecrets {
  if (secret) return derive(secret);
  if (hasEncryptionKey()) return derive(getKeyRing().active.key);
  if (!shared) return derive(randomBytes(32));
  throw new ConfigError(
    `database '${database}': a Redis cache needs a secret shared by every process: set cache.secret, or configure an encryption key`,
  );
}
