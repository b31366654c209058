import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * `n` (at most 256) cryptographically random bytes, taken from a pool that is refilled 8 KiB at a time:
 * one system call per few hundred values instead of one per value. Every byte is handed out once. The
 * returned view is only valid until the next call: copy it or use it at once.
 */
export function randomFromPool(n: number): Buffer {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
