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
const GCM_OPTIONS = Object.freeze({ authTagLength: TAG_BYTES });

/** Where a value lives; encryption binds the ciphertext to it (associated data). */
export interface AadParts {
  readonly collection: string;
  readonly field: string;
  readonly id: string;
}

/** `essencia:v1`, collection and field of the associated data, each length-prefixed (see {@link buildAad}). */
export function aadPrefix(collection: string, field: string): Buffer {
  const items = [AAD_LABEL, collection, field];
  const lengths = items.map((item) => Buffer.byteLength(item, 'utf8'));
  const prefix = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + 4 + n, 0));
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    at = prefix.writeUInt32BE(lengths[i]!, at);
    at += prefix.write(items[i]!, at, 'utf8');
  }
  return prefix;
}

/** The associated data of record `id` after its {@link aadPrefix}. */
export function aadWithId(prefix: Buffer, id: string): Buffer {
  const length = Buffer.byteLength(id, 'utf8');
  const aad = Buffer.allocUnsafe(prefix.length + 4 + length);
  prefix.copy(aad, 0);
  aad.writeUInt32BE(length, prefix.length);
  aad.write(id, prefix.length + 4, 'utf8');
  return aad;
}

/**
 * The associated data of a value: `essencia:v1`, collection, field and record id, each as a
 * 4-byte big-endian length followed by its UTF-8 bytes (so `a`+`bc` never equals `ab`+`c`).
 *
 * @example
 * buildAad({ collection: 'patients', field: 'cpf', id: '42' });
 */
export function buildAad(parts: AadParts): Buffer {
  return aadWithId(aadPrefix(String(parts.collection), String(parts.field)), String(parts.id));
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
  const cipher = createCipheriv('aes-256-gcm', encryptionSubKey(entry, context), iv, GCM_OPTIONS);
  cipher.setAAD(aad);
  // GCM is a stream mode: the ciphertext is exactly as long as the plaintext, and final() adds nothing.
  const at = IV_BYTES + cipher.update(plain).copy(body, IV_BYTES);
  cipher.final();
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
  const tagAt = body.length - TAG_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', encryptionSubKey(entry, context), body.subarray(0, IV_BYTES), GCM_OPTIONS);
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(tagAt));
    const plain = decipher.update(body.subarray(IV_BYTES, tagAt));
    // final() checks the tag (and adds nothing in GCM): nothing is returned before it passed.
    decipher.final();
    return plain;
  } catch {
    throw new DecryptFailure('authentication failed: the value was altered, belongs to another record or field, or the key is wrong');
  }
}
