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

/** A Date as DATETIME(3) text in UTC (`0001-01-01 00:00:00.000`), which MySQL stores as it is. */
export function datetimeText(d: Date): string {
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
