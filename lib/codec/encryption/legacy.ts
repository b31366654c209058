import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { DecryptFailure } from './decrypt-failure';

/**
 * Reader of the Python original's format: `base64(iv(12) ‖ tag(16) ‖ ciphertext)`, AES-256-GCM
 * without associated data, key = PBKDF2-HMAC-SHA256(password = the key string as UTF-8,
 * salt = first 16 bytes of SHA-256('essencia_encryption_' + context), 100,000 iterations, 32 bytes).
 */

/** The contexts the Python original derived keys for. */
export const LEGACY_CONTEXTS = ['cpf', 'rg', 'medical', 'default'] as const;

/** A context of the Python original. */
export type LegacyContext = (typeof LEGACY_CONTEXTS)[number];

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ITERATIONS = 100_000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const keys = new Map<string, Buffer>();

/**
 * The legacy context a codec context maps to: itself when the original knew it, else `'default'`.
 *
 * @example
 * legacyContextFor('cpf');   // 'cpf'
 * legacyContextFor('notes'); // 'default'
 */
export function legacyContextFor(context: string): LegacyContext {
  return (LEGACY_CONTEXTS as readonly string[]).includes(context) ? (context as LegacyContext) : 'default';
}

/**
 * The PBKDF2 key of the original for (password, context). Slow (100,000 iterations), so it
 * is cached per pair for the life of the process.
 *
 * @example
 * const key = legacyKey(process.env.ESSENCIA_LEGACY_KEY!, 'cpf');
 */
export function legacyKey(password: string, context: string): Buffer {
  const id = `${createHash('sha256').update(password, 'utf8').digest('hex')}:${context}`;
  let key = keys.get(id);
  if (!key) {
    const salt = createHash('sha256').update(`essencia_encryption_${context}`, 'utf8').digest().subarray(0, 16);
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITERATIONS, 32, 'sha256');
    keys.set(id, key);
  }
  return key;
}

/**
 * Decrypts a value of the Python original into its UTF-8 plaintext bytes. Throws a
 * {@link DecryptFailure} that never includes the value.
 *
 * @example
 * const text = decryptLegacy(row.cpf, ring.legacyPassword, 'cpf').toString('utf8');
 */
export function decryptLegacy(stored: string, password: string | undefined, context: string): Buffer {
  if (password === undefined) throw new DecryptFailure('a legacy value, but no legacy key (set ESSENCIA_LEGACY_KEY)');
  if (!BASE64.test(stored)) throw new DecryptFailure('neither a v1 envelope nor a legacy value');
  const raw = Buffer.from(stored, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptFailure('legacy value too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', legacyKey(password, context), raw.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptFailure('legacy value: authentication failed (altered, or a different legacy key)');
  }
}

/**
 * TEST AND MIGRATION TOOLING ONLY: writes a value in the Python original's format, to build
 * fixtures. New data must never be written this way (no associated data, slow key).
 *
 * @example
 * const fixture = encryptLegacy('52998224725', 'old-secret', 'cpf');
 */
export function encryptLegacy(plain: string, password: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', legacyKey(password, context), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}
