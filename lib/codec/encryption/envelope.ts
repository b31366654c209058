import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomFromPool } from '../../util/random-pool';
import { encryptionSubKey } from './hkdf';
import { DecryptFailure } from './decrypt-failure';
import type { KeyEntry } from './key-material';
import type { KeyRing } from './key-ring';

/** Prefix of every current envelope. */
export const ENVELOPE_PREFIX = 'v1:';
/** First item of the associated data: binds it to this format version. */
export const AAD_LABEL = 'essencia:v1';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ENVELOPE = /^v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2})$/;

/** Where a value lives; encryption binds the ciphertext to it (associated data). */
export interface AadParts {
  readonly collection: string;
  readonly field: string;
  readonly id: string;
}

/**
 * The associated data of a value: `essencia:v1`, collection, field and record id, each as a
 * 4-byte big-endian length followed by its UTF-8 bytes (so `a`+`bc` never equals `ab`+`c`).
 *
 * @example
 * buildAad({ collection: 'patients', field: 'cpf', id: '42' });
 */
export function buildAad(parts: AadParts): Buffer {
  const items = [AAD_LABEL, String(parts.collection), String(parts.field), String(parts.id)];
  const lengths = items.map((item) => Buffer.byteLength(item, 'utf8'));
  const aad = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + 4 + n, 0));
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    at = aad.writeUInt32BE(lengths[i]!, at);
    at += aad.write(items[i]!, at, 'utf8');
  }
  return aad;
}

/**
 * Whether a stored value is a current-format envelope (`v1:`), rather than a legacy value.
 *
 * @example
 * isEnvelope('v1:a1b2c3d4:...'); // true
 */
export function isEnvelope(stored: unknown): stored is string {
  return typeof stored === 'string' && stored.startsWith(ENVELOPE_PREFIX);
}

/**
 * The key id an envelope names, or undefined when `stored` is not a well-formed envelope.
 *
 * @example
 * envelopeKeyId('v1:2025:AAAA...'); // '2025'
 */
export function envelopeKeyId(stored: unknown): string | undefined {
  return typeof stored === 'string' ? ENVELOPE.exec(stored)?.[1] : undefined;
}

/**
 * Encrypts `plain` with AES-256-GCM under the context sub-key of `entry`, with a fresh random
 * 96-bit IV: `v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>`.
 *
 * @example
 * const stored = sealEnvelope(serializePlaintext('52998224725'), ring.active, 'cpf', buildAad(where));
 */
export function sealEnvelope(plain: Buffer, entry: KeyEntry, context: string, aad: Buffer): string {
  const body = Buffer.allocUnsafe(IV_BYTES + plain.length + TAG_BYTES);
  const iv = body.subarray(0, IV_BYTES);
  randomFromPool(IV_BYTES).copy(iv);
  const cipher = createCipheriv('aes-256-gcm', encryptionSubKey(entry, context), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  // GCM is a stream mode: the ciphertext is exactly as long as the plaintext, and final() adds nothing.
  let at = IV_BYTES + cipher.update(plain).copy(body, IV_BYTES);
  at += cipher.final().copy(body, at);
  cipher.getAuthTag().copy(body, at);
  return `${ENVELOPE_PREFIX}${entry.id}:${body.toString('base64')}`;
}

/**
 * Decrypts an envelope with whichever key of `ring` it names. Throws a {@link DecryptFailure}
 * (malformed, unknown key id, or authentication failed) that never includes the value.
 *
 * @example
 * const bytes = openEnvelope(stored, getKeyRing(), 'cpf', buildAad(where));
 */
export function openEnvelope(stored: string, ring: KeyRing, context: string, aad: Buffer): Buffer {
  const m = ENVELOPE.exec(stored);
  if (!m) throw new DecryptFailure('not a well-formed v1 envelope');
  const entry = ring.keys.get(m[1]!);
  if (!entry) throw new DecryptFailure(`unknown key id '${m[1]}' (add it to ESSENCIA_ENCRYPTION_KEYS)`);
  const body = Buffer.from(m[2]!, 'base64');
  if (body.length < IV_BYTES + TAG_BYTES) throw new DecryptFailure('envelope too short');
  const iv = body.subarray(0, IV_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', encryptionSubKey(entry, context), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptFailure('authentication failed: the value was altered, belongs to another record or field, or the key is wrong');
  }
}
