import { randomBytes } from 'node:crypto';

/** As the ObjectId format has it: 5 random bytes per process, and a 3-byte counter that starts at a random value. */
const PROCESS_HEX = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/** The char code of every hex digit, so that the counter is written without number-to-string conversions. */
const HEX_CODE = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The char codes of the seconds and process bytes of the ids made in the current second, computed once per second. */
let prefixSecond = -1;
let prefix: number[] = [];

/**
 * A new ObjectId as its 24-digit lower-case hex string (4-byte seconds, the process bytes, the counter), made
 * without a BSON ObjectId: shared code holds ids as strings, and building an ObjectId only to print it cost an
 * insert a second ObjectId per document (the insert makes the one it sends from this string).
 * Made from its 24 char codes in one call: a flat string, where concatenation made a rope that the ObjectId
 * parse then copied flat (three allocations more per id).
 *
 * @example
 * newObjectIdHex(); // '6763f0a1c3b2e91d4f000001'
 */
export function newObjectIdHex(): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(Date.now() / 1000) >>> 0;
  if (seconds !== prefixSecond) {
    prefixSecond = seconds;
    prefix = Array.from(seconds.toString(16).padStart(8, '0') + PROCESS_HEX, (digit) => digit.charCodeAt(0));
  }
  const p = prefix;
  const n = counter;
  return String.fromCharCode(
    p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!, p[6]!, p[7]!, p[8]!, p[9]!, p[10]!, p[11]!, p[12]!, p[13]!, p[14]!, p[15]!, p[16]!, p[17]!,
    HEX_CODE[n >>> 20]!, HEX_CODE[(n >>> 16) & 15]!, HEX_CODE[(n >>> 12) & 15]!, HEX_CODE[(n >>> 8) & 15]!, HEX_CODE[(n >>> 4) & 15]!, HEX_CODE[n & 15]!,
  );
}
