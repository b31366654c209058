import { randomPool, reserveRandom } from './random-pool';

/** Byte `b` as hex is the characters at `2b` and `2b + 1`. */
const HEX = Buffer.from(Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0')).join(''), 'latin1');

/** The id being written: `tttttttt-tttt-7rrr-vrrr-rrrrrrrrrrrr`, its dashes and version digit written once. */
const text = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
let writtenMs = -1;

function putByte(at: number, byte: number): void {
  text[at] = HEX[byte * 2]!;
  text[at + 1] = HEX[byte * 2 + 1]!;
}

/**
 * A time-ordered UUID (version 7): ids sort by creation time, which keeps B-tree inserts local. 48 bits of Unix
 * milliseconds (`now`), the version, 12 + 62 random bits and the variant. Written byte by byte into one buffer and
 * read out as one flat string: joining a dozen pieces, with the time part formatted by `toString(16)` at every new
 * millisecond, took about a microsecond per id.
 */
export function uuid7(now: number = Date.now()): string {
  if (now !== writtenMs) {
    const high = Math.floor(now / 0x1_0000_0000);
    const low = now >>> 0;
    putByte(0, (high >>> 8) & 0xff);
    putByte(2, high & 0xff);
    putByte(4, low >>> 24);
    putByte(6, (low >>> 16) & 0xff);
    putByte(9, (low >>> 8) & 0xff);
    putByte(11, low & 0xff);
    writtenMs = now;
  }
  const at = reserveRandom(10);
  const r = randomPool;
  text[15] = HEX[(r[at]! & 0x0f) * 2 + 1]!;
  putByte(16, r[at + 1]!);
  putByte(19, (r[at + 2]! & 0x3f) | 0x80);
  putByte(21, r[at + 3]!);
  for (let k = 4; k < 10; k++) putByte(16 + 2 * k, r[at + k]!);
  return text.toString('latin1', 0, 36);
}
