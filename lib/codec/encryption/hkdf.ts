import { hkdfSync } from 'node:crypto';
import { ConfigError } from '../../errors';
import type { KeyEntry } from './key-material';

/** HKDF salt: fixed, public, versioned. Sub-keys differ by their `info`, not by the salt. */
export const HKDF_SALT = 'essencia-hkdf-salt-v1';

/** What an encryption context may look like (it ends up in the HKDF info). */
export const CONTEXT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

type Purpose = 'enc' | 'bidx';

const cache = new WeakMap<KeyEntry, Map<string, Buffer>>();

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
  let perKey = cache.get(entry);
  if (!perKey) cache.set(entry, (perKey = new Map()));
  let key = perKey.get(info);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', entry.key, Buffer.from(HKDF_SALT, 'utf8'), Buffer.from(info, 'utf8'), 32));
    perKey.set(info, key);
  }
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
  return derive(entry, 'enc', context);
}

/**
 * The blind-index HMAC key of one context: HKDF-SHA256(master, salt, info `essencia:bidx:<context>`).
 *
 * @example
 * const k = blindIndexSubKey(getKeyRing().active, 'cpf');
 */
export function blindIndexSubKey(entry: KeyEntry, context: string): Buffer {
  return derive(entry, 'bidx', context);
}
