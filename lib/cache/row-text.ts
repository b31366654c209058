import type { StoredRow } from '../drivers/driver';

/** Whether a value is plain JSON that parses back to the same value (finite numbers, plain objects, arrays). */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (depth > 64 || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as object).every((v) => isPlainJson(v, depth + 1));
}

/**
 * A stored row as text: `[column, value]` pairs, dates as `[column, ms, 'd']`. A row holding anything else (a
 * driver-specific object) has no text and is not cached.
 *
 * @example
 * decodeRow(encodeRow({ id: 'a', at: new Date(0) })!); // { id: 'a', at: new Date(0) }
 */
export function encodeRow(row: StoredRow): string | undefined {
  const pairs: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (column === '__proto__') return undefined;
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) return undefined;
      pairs.push([column, ms, 'd']);
    } else if (isPlainJson(value)) {
      pairs.push([column, value]);
    } else {
      return undefined;
    }
  }
  return JSON.stringify(pairs);
}

/** The row `encodeRow` wrote (a fresh object each time, so callers may keep or change it). */
export function decodeRow(text: string): StoredRow {
  const row: StoredRow = {};
  for (const [column, value, tag] of JSON.parse(text) as Array<[string, unknown, string?]>) {
    row[column] = tag === 'd' ? new Date(value as number) : value;
  }
  return row;
}
