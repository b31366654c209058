/**
 * A limit or offset written into the statement text as a literal (dialects where a bound one costs or is refused);
 * anything but a non-negative safe integer is refused rather than written.
 */
export function rowCount(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a row count: ${n}`);
  return n;
}
