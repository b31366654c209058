import { createHmac } from 'node:crypto';
import { blindIndexSubKey } from './hkdf';
import { getKeyRing, type KeyRing } from './key-ring';
import type { KeyEntry } from './key-material';

/**
 * Blind indexes: HMAC-SHA256 of the normalised plaintext under the context's blind-index key
 * (HKDF info `essencia:bidx:<context>`), written as unpadded base64url (43 characters).
 * Equal plaintexts give equal indexes, so equality search and unique indexes work without
 * decrypting; nothing else (order, prefixes) can be learnt from them.
 */

function indexWith(entry: KeyEntry, context: string, normalized: string): string {
  return createHmac('sha256', blindIndexSubKey(entry, context)).update(normalized, 'utf8').digest('base64url');
}

/**
 * The blind index of an already-normalised value under the ACTIVE key.
 *
 * @example
 * blindIndex('52998224725', 'cpf'); // 'pX0...' (43 characters)
 */
export function blindIndex(normalized: string, context: string, ring: KeyRing = getKeyRing()): string {
  return indexWith(ring.active, context, normalized);
}

/**
 * The blind index of a normalised value under every known key, the active key first. Lets a
 * search also match rows whose index was written with an older key and not yet rotated
 * (`WHERE cpf_bidx IN (...)`).
 *
 * @example
 * const candidates = blindIndexesForAllKeys('52998224725', 'cpf');
 */
export function blindIndexesForAllKeys(normalized: string, context: string, ring: KeyRing = getKeyRing()): string[] {
  const indexes = [indexWith(ring.active, context, normalized)];
  for (const key of ring.keys.values()) if (key !== ring.active) indexes.push(indexWith(key, context, normalized));
  return indexes;
}
