import { DecryptFailure } from './decrypt-failure';

/**
 * How a plaintext becomes bytes before encryption: a 1-byte type tag, then UTF-8.
 *
 * - `0x01` string: the string's UTF-8 bytes.
 * - `0x02` JSON: the UTF-8 bytes of `JSON.stringify(value)` (numbers, booleans, arrays, objects).
 *
 * Strings always use `0x01`, also in JSON fields, so `"120/80"` stays a string.
 */

/** Type tag of a UTF-8 string plaintext. */
export const TAG_STRING = 0x01;
/** Type tag of a JSON plaintext. */
export const TAG_JSON = 0x02;

/**
 * The bytes to encrypt for `value` (a string, or any JSON value).
 *
 * @example
 * serializePlaintext('52998224725'); // <01 35 32 ...>
 */
export function serializePlaintext(value: unknown): Buffer {
  if (typeof value === 'string') return tagged(TAG_STRING, value);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('the value cannot be serialised as JSON');
  return tagged(TAG_JSON, json);
}

function tagged(tag: number, text: string): Buffer {
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text, 'utf8'));
  bytes[0] = tag;
  bytes.write(text, 1, 'utf8');
  return bytes;
}

/**
 * The value back from decrypted bytes. Throws a DecryptFailure that never quotes the bytes.
 *
 * @example
 * deserializePlaintext(serializePlaintext({ bp: '120/80' })); // { bp: '120/80' }
 */
export function deserializePlaintext(bytes: Buffer): unknown {
  if (bytes.length === 0) throw new DecryptFailure('empty plaintext');
  const body = bytes.toString('utf8', 1);
  switch (bytes[0]) {
    case TAG_STRING:
      return body;
    case TAG_JSON:
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new DecryptFailure('the plaintext is not valid JSON');
      }
    default:
      throw new DecryptFailure('unknown plaintext type tag');
  }
}
