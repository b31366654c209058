const toString = Object.prototype.toString;

/**
 * Rebuilds a value made in Node's main context (a message from a worker, rows built by a native addon) with this
 * realm's Array, Object and Date. Code running in a test runner's VM (jest) has its own realm, and `instanceof Date` or a strict
 * deep-equal there would fail on the main context's objects. Typed arrays are shared by both, kept as they are.
 */
export function intoThisRealm(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = intoThisRealm(value[i]);
    return out;
  }
  switch (toString.call(value)) {
    case '[object Date]':
      return new Date((value as Date).getTime());
    case '[object Object]': {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = intoThisRealm((value as Record<string, unknown>)[key]);
        // An own key named __proto__ (a JSON key) would set the prototype by plain assignment.
        if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
        else out[key] = item;
      }
      return out;
    }
    default:
      return value;
  }
}
