import { randomBytes } from 'node:crypto';

/** As the ObjectId format has it: 5 random bytes per process, and a 3-byte counter that starts at a random value. */
const PROCESS_HEX = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/** The two hex digits of every byte, so that the counter is written without number-to-string conversions. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The seconds and process bytes of the ids made in the current second, written once per second. */
let prefixSecond = -1;
let prefix = '';

/**
 * A new ObjectId as its 24-digit lower-case hex string (4-byte seconds, the process bytes, the counter), made
 * without a BSON ObjectId: shared code holds ids as strings, and building an ObjectId only to print it cost an
 * insert a second ObjectId per document (the insert makes the one it sends from this string).
 *
 * @example
 * newObjectIdHex(); // '6763f0a1c3b2e91d4f000001'
 */
export function newObjectIdHex(): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(Date.now() / 1000) >>> 0;
  if (seconds !== prefixSecond) {
    prefixSecond = seconds;
    prefix = seconds.toString(16).padStart(8, '0') + PROCESS_HEX;
  }
  return prefix + BYTE_HEX[counter >>> 16]! + BYTE_HEX[(counter >>> 8) & 0xff]! + BYTE_HEX[counter & 0xff]!;
}
