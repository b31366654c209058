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

/** How many checked texts `EntrySeals` remembers before it starts over. */
const REMEMBERED = 4096;

/**
 * `seal` and `open` under one key, remembering by name the last text sealed or checked: reading the same entry
 * again (a hot row) costs a string comparison instead of an HMAC. A text that differs in any byte is checked.
 */
export class EntrySeals {
  readonly #checked = new Map<string, string>();

  constructor(private readonly key: Buffer) {}

  seal(name: string, payload: string): string {
    const text = seal(this.key, name, payload);
    this.#remember(name, text);
    return text;
  }

  open(name: string, text: string): string | undefined {
    if (this.#checked.get(name) === text) return text.slice(text.indexOf('.') + 1);
    const payload = open(this.key, name, text);
    if (payload !== undefined) this.#remember(name, text);
    return payload;
  }

  #remember(name: string, text: string): void {
    if (this.#checked.size >= REMEMBERED) this.#checked.clear();
    this.#checked.set(name, text);
  }
}
