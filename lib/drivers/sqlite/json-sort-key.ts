const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a plain path (object keys, array positions), as PostgreSQL's `#>` reads it; undefined when absent. */
function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (Array.isArray(v) && /^\d+$/.test(key)) v = v[Number(key)];
    else if (isObject(v) && Object.hasOwn(v, key)) v = v[key];
    else return undefined;
  }
  return v;
}

/** A double as 16 hex digits that sort as the numbers do (sign bit flipped; negatives complemented). */
function numberKey(n: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n === 0 ? 0 : n);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (hi >>> 31) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * A text key that sorts a json value (at `path`) in the order every SQL backend uses: MongoDB's type order (null and
 * missing < numbers < strings < objects < arrays < booleans), numbers numerically, strings by code points (SQLite
 * compares text byte-wise in UTF-8); objects and arrays among themselves by their JSON text.
 *
 * @example
 * jsonSortKey({ a: 2 }, ['a']) < jsonSortKey({ a: 10 }, ['a']); // true
 */
export function jsonSortKey(value: unknown, path: readonly string[]): string {
  const v = at(value, path);
  switch (typeof v) {
    case 'number':
      return `1${numberKey(v)}`;
    case 'string':
      return `2${v}`;
    case 'boolean':
      return v ? '51' : '50';
    case 'object':
      if (v === null) return '0';
      return `${Array.isArray(v) ? 4 : 3}${JSON.stringify(v)}`;
    default:
      return '0';
  }
}
