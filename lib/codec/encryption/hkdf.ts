import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { ConfigError } from '../../errors';
import type { KeyEntry } from './key-material';

/** HKDF salt: fixed, public, versioned. Sub-keys differ by their `info`, not by the salt. */
export const HKDF_SALT = 'essencia-hkdf-salt-v1';

/** What an encryption context may look like (it ends up in the HKDF info). */
export const CONTEXT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

type Purpose = 'enc' | 'bidx';

/** Sub-keys by master key, then by context: looked up on every value, so no key string is built. */
const encryptionKeys = new WeakMap<KeyEntry, Map<string, Buffer>>();
const blindIndexKeys = new WeakMap<KeyEntry, Map<string, KeyObject>>();

/**
 * Throws a ConfigError unless `context` is a valid context name (`[A-Za-z0-9_.-]{1,64}`).
 *
 * @example
 * assertContext('notes', '@EncryptedStr on Patient.notes');
 */
export function assertContext(context: unknown, where: string): asserts context is string {
  if (typeof context !== 'string' || !CONTEXT_PATTERN.test(context)) {
    throw new ConfigError(`${where}: an encryption context must match [A-Za-z0-9_.-]{1,64}`);
  }
}

function derive(entry: KeyEntry, purpose: Purpose, context: string): Buffer {
  const info = `essencia:${purpose}:${context}`;
  return Buffer.from(hkdfSync('sha256', entry.key, Buffer.from(HKDF_SALT, 'utf8'), Buffer.from(info, 'utf8'), 32));
}

function cachedKey<K>(cache: WeakMap<KeyEntry, Map<string, K>>, entry: KeyEntry, context: string, make: () => K): K {
  let perKey = cache.get(entry);
  if (!perKey) cache.set(entry, (perKey = new Map()));
  let key = perKey.get(context);
  if (key === undefined) perKey.set(context, (key = make()));
  return key;
}

/**
 * The AES-256-GCM key of one context: HKDF-SHA256(master, salt, info `essencia:enc:<context>`).
 * Derived once per (key, context) and cached.
 *
 * @example
 * const k = encryptionSubKey(getKeyRing().active, 'cpf');
 */
export function encryptionSubKey(entry: KeyEntry, context: string): Buffer {
  return cachedKey(encryptionKeys, entry, context, () => derive(entry, 'enc', context));
}

/**
 * The blind-index HMAC key of one context: HKDF-SHA256(master, salt, info `essencia:bidx:<context>`),
 * as a KeyObject (an HMAC keyed with one skips importing the key bytes on every value).
 *
 * @example
 * const k = blindIndexSubKey(getKeyRing().active, 'cpf');
 */
export function blindIndexSubKey(entry: KeyEntry, context: string): KeyObject {
  return cachedKey(blindIndexKeys, entry, context, () => createSecretKey(derive(entry, 'bidx', context)));
}
