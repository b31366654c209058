import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_LENGTH = 32;

function macOf(key: Buffer, name: string, payload: string): Buffer {
  return createHmac('sha256', key).update(name).update('\u0000').update(payload).digest();
}

/**
 * Binds a payload to the key it is stored under with an HMAC, so that whoever can write to Redis cannot plant
 * an entry, nor move one to another key.
 *
 * @example
 * const text = seal(macKey, 'essencia:main:e:abc', payload);
 * open(macKey, 'essencia:main:e:abc', text); // payload
 */
export function seal(key: Buffer, name: string, payload: string): string {
  return `${macOf(key, name, payload).toString('base64url')}.${payload}`;
}

/** The payload of a sealed text, or undefined when its MAC does not match (a forged or moved entry). */
export function open(key: Buffer, name: string, text: string): string | undefined {
  const dot = text.indexOf('.');
  if (dot < 0) return undefined;
  const given = Buffer.from(text.slice(0, dot), 'base64url');
  const payload = text.slice(dot + 1);
  if (given.length !== MAC_LENGTH) return undefined;
  return timingSafeEqual(given, macOf(key, name, payload)) ? payload : undefined;
}
