import fc from 'fast-check';

/** Keys that have broken object handling somewhere: prototype names, operators, paths, empty, unicode, NUL. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '$where', '$gt', '', '.', 'a.b', 'éñ🌱', 'a\u0000b'];

const BIG = 'x'.repeat(1 << 20);

/** `{ a: { a: ... } }` and `[[...]]`, `depth` levels deep. */
export function nested(depth: number, array: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** An object with exactly these own enumerable keys (`__proto__` included, as JSON.parse would make it). */
export function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}

const hostileKey = fc.constantFrom(...HOSTILE_KEYS);

/** Scalars of every wrong kind: odd numbers, invalid dates, 1 MB and NUL strings, lone surrogates, unicode. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('a\u0000b', '\u0000', '', '.', '$where', '__proto__', 'x\uD800y', '\uDFFF', BIG, '2024-01-01', '1e400', '  '),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity, -0, 0.1),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(new Date(8.64e15), new Date(-8.64e15), new Date(Number.NaN), new Date('0001-01-01T00:00:00Z'), new Date('0099-06-15T00:00:00Z')),
  fc.bigInt().map((b) => b as unknown),
  fc.constant(Symbol('s') as unknown),
  fc.constant((() => 1) as unknown),
);

/** Any value a hostile caller might pass: scalars, deep nesting, objects with hostile keys, arrays, class instances. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.constantFrom(nested(200, false), nested(200, true), nested(99, false)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 4 })), tie('value')), { maxLength: 3 }).map(objectOf),
    fc.constantFrom(new Map([['a', 1]]) as unknown, new Set([1]) as unknown, Buffer.from('hi') as unknown, /re/ as unknown),
  ),
})).value;

/** A valid value most of the time (nine in ten), a hostile one otherwise. */
export function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 9, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue });
}

/** Hostile keys added to a record, as own properties. */
export function withHostileKeys(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(base, fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }))
    .map(([record, extra]) => objectOf([...Object.entries(record), ...extra]));
}
