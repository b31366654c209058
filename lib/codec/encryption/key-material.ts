import { createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '../../errors';

/** Length of an essencia master key, in bytes (AES-256). */
export const KEY_BYTES = 32;

/** What a key id may look like: it is written in every envelope (`v1:<keyId>:...`). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** How to make a key; part of every "bad key" ConfigError. */
export const KEY_GENERATE_HINT =
  "generate one with `npx essencia keys generate` or `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`";

/** Where the Python original's key string goes; part of a "bad ESSENCIA_ENCRYPTION_KEY" ConfigError. */
export const LEGACY_KEY_HINT =
  "if this is the Python original's key string, it belongs in ESSENCIA_LEGACY_KEY (to read its data), and ESSENCIA_ENCRYPTION_KEY needs a new key";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A master key and the id that envelopes written with it carry. */
export interface KeyEntry {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * A new random master key, base64 encoded (the value for `ESSENCIA_ENCRYPTION_KEY`).
 *
 * @example
 * const key = generateEncryptionKey(); // 'q3V0...=' (44 characters)
 */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * The id of a key that was given without one: the first 8 hex characters of
 * SHA-256('essencia-key-id' ‖ key). Stable for a key, reveals nothing usable about it.
 *
 * @example
 * deriveKeyId(Buffer.alloc(32)); // 8 hex characters
 */
export function deriveKeyId(key: Buffer): string {
  return createHash('sha256').update('essencia-key-id', 'utf8').update(key).digest('hex').slice(0, 8);
}

/**
 * Throws a ConfigError unless `id` is a valid key id (`[A-Za-z0-9_-]{1,32}`).
 *
 * @example
 * assertKeyId('2025-01', 'configureEncryption');
 */
export function assertKeyId(id: unknown, where: string): asserts id is string {
  if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) {
    throw new ConfigError(`${where}: a key id must match [A-Za-z0-9_-]{1,32}`);
  }
}

/**
 * Decodes a master key from base64 (or copies a Buffer), checking that it is exactly 32 bytes.
 * The error names `where` but never the key material.
 *
 * @example
 * const key = parseKey(process.env.MY_KEY, 'MY_KEY');
 */
export function parseKey(value: unknown, where: string): Buffer {
  let key: Buffer | undefined;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    key = Buffer.from(value);
  } else if (typeof value === 'string' && BASE64.test(value.trim())) {
    key = Buffer.from(value.trim(), 'base64');
  }
  if (!key || key.length !== KEY_BYTES) {
    throw new ConfigError(`${where} must be the base64 of exactly ${KEY_BYTES} random bytes; ${KEY_GENERATE_HINT}`);
  }
  return key;
}
