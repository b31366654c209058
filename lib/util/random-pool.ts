import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * Where `n` (at most 256) fresh cryptographically random bytes start in {@link randomPool}, which is refilled 8 KiB
 * at a time: one system call per few hundred values instead of one per value. Every byte is handed out once; the
 * bytes are only valid until the next call, so read them at once.
 */
export function reserveRandom(n: number): number {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

/** The pool {@link reserveRandom} hands out; read it only at the offsets it returned. */
export const randomPool: Readonly<Buffer> = pool;

/** `n` (at most 256) fresh random bytes from the pool, as a view that is only valid until the next call: copy it or use it at once. */
export function randomFromPool(n: number): Buffer {
  const at = reserveRandom(n);
  return pool.subarray(at, at + n);
}
