/** A statement with `?` placeholders and, for each, the index of the value it takes. */
export interface Positional {
  readonly sql: string;
  readonly order: readonly number[];
}

const cache = new Map<string, Positional>();
const MAX_CACHED = 2000;

/**
 * Rewrites the dialect's numbered placeholders (`?1`, `?2`...) to MySQL's positional `?`, noting which value each
 * one takes (a number may appear twice, or out of order). Statement texts hold no user data and no `?` in
 * literals, so a plain scan is exact. Cached per text.
 *
 * @example
 * positional('a = ?2 AND b = ?1 AND c = ?2'); // { sql: 'a = ? AND b = ? AND c = ?', order: [1, 0, 1] }
 */
export function positional(text: string): Positional {
  let hit = cache.get(text);
  if (!hit) {
    const order: number[] = [];
    const sql = text.replace(/\?(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    hit = { sql, order };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The char code of the decimal digit of `n` worth `place` (1, 10, 100, 1000). */
const digit = (n: number, place: number): number => 48 + (Math.floor(n / place) % 10);

/**
 * A Date as DATETIME(3) text in UTC (`0001-01-01 00:00:00.000`), which MySQL stores as it is. Built from char codes
 * in one call (a third of the CPU of seven padded strings); a year outside 0–9999 or an Invalid Date is written
 * field by field as it is, for the server to refuse.
 */
export function datetimeText(d: Date): string {
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return fieldByField(d);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hours = d.getUTCHours();
  const minutes = d.getUTCMinutes();
  const seconds = d.getUTCSeconds();
  const ms = d.getUTCMilliseconds();
  return String.fromCharCode(
    digit(year, 1000), digit(year, 100), digit(year, 10), digit(year, 1), 45, digit(month, 10), digit(month, 1), 45, digit(day, 10), digit(day, 1), 32,
    digit(hours, 10), digit(hours, 1), 58, digit(minutes, 10), digit(minutes, 1), 58, digit(seconds, 10), digit(seconds, 1), 46,
    digit(ms, 100), digit(ms, 10), digit(ms, 1),
  );
}

function fieldByField(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** The values in placeholder order, dates as UTC text. */
export function bindValues(order: readonly number[], params: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(order.length);
  for (let i = 0; i < order.length; i++) {
    const v = params[order[i]!];
    out[i] = v instanceof Date ? datetimeText(v) : v;
  }
  return out;
}
