import { randomFromPool } from './random-pool';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The millisecond the time prefix was last built for, and that prefix (`tttttttt-tttt-7`). */
let prefixMs = -1;
let prefix = '';

function timePrefix(ms: number): string {
  if (ms !== prefixMs) {
    const hex = ms.toString(16).padStart(12, '0');
    prefixMs = ms;
    prefix = `${hex.slice(0, 8)}-${hex.slice(8)}-7`;
  }
  return prefix;
}

/**
 * A time-ordered UUID (version 7): ids sort by creation time, which keeps B-tree inserts local. 48 bits of Unix
 * milliseconds, the version, 12 + 62 random bits and the variant; the time part is formatted once per millisecond.
 */
export function uuid7(): string {
  const b = randomFromPool(10);
  return (
    timePrefix(Date.now()) +
    HEX[b[0]! & 0x0f]![1]! +
    HEX[b[1]!]! +
    '-' +
    HEX[(b[2]! & 0x3f) | 0x80]! +
    HEX[b[3]!]! +
    '-' +
    HEX[b[4]!]! +
    HEX[b[5]!]! +
    HEX[b[6]!]! +
    HEX[b[7]!]! +
    HEX[b[8]!]! +
    HEX[b[9]!]!
  );
}
