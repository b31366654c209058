import 'reflect-metadata';
import fc from 'fast-check';
import { Query } from 'mingo';
import { Field, Model } from '../../lib/metadata/decorators';
import { modelMeta } from '../../lib/metadata/model-meta';

/**
 * A property-test oracle for the filter language: random rows of a fixed shape, random filters over it using every
 * operator, and `mingoMatch`, which evaluates a filter the way MongoDB would (with mingo) on the rows' stored form.
 * A backend is right when it returns the same ids as `mingoMatch` for the same rows and filter.
 *
 * Strings mix ASCII, Portuguese and Cyrillic letters (in both cases) and newlines; json values hold scalars, a nested
 * object, arrays of scalars (`t`, possibly empty), arrays of objects (`o`, each with both keys) and arrays of arrays
 * (`n`). `mingoMatch` reads regular expressions as MongoDB (PCRE) does: `$` also matches before a final newline
 * and, with `m`, `^` does not match after a final newline (JavaScript differs on both).
 *
 * Generator restrictions (each hides a place where mingo, the oracle, differs from MongoDB; the conformance table
 * in spec/support/filter-cases.ts covers those places with MongoDB's own answers):
 * - objects inside `o` always have both keys: for `{ 'a.b': null }` over `[{}]` MongoDB matches, mingo does not;
 * - the nested arrays of `n` hold no nulls and are only compared whole or with `$size`, `$exists` and null: mingo
 *   flattens them;
 * - `$in` lists hold no arrays, `$all` is used on arrays only, no `$gte: null`: mingo differs on each;
 * - the json field itself is never a top-level scalar or JSON null (top-level nulls are stored as absent).
 *
 * Optional restriction ({@link OracleOptions}):
 * - `boolLikeJsonNumbers: false` keeps the numbers 0 and 1 out of json values and json operands. For the MongoDB
 *   stand-in (mongomock): its `$eq`/`$ne`/`$in`/`$nin` compare with Python's `==`, where `False == 0` and
 *   `True == 1`, so `{ 'j.a': false }` matches a stored 0 there, never on MongoDB. Ranges are type-bracketed there.
 */
@Model({ database: 'filter_oracle', collection: 'oracle_rows' })
export class OracleRow {
  id!: string;
  @Field({ type: 'string', nullable: true }) s?: string;
  @Field({ type: 'int', nullable: true }) n?: number;
  @Field({ type: 'float', nullable: true }) f?: number;
  @Field({ type: 'boolean', nullable: true }) b?: boolean;
  @Field({ type: 'date', nullable: true }) d?: Date;
  @Field({ type: 'json', nullable: true }) j?: Record<string, unknown>;
}

/** The metadata of {@link OracleRow}. */
export const oracleMeta = () => modelMeta(OracleRow);

/** A generated row: every field present, null meaning absent. */
export interface OracleData {
  id: string;
  s: string | null;
  n: number | null;
  f: number | null;
  b: boolean | null;
  d: Date | null;
  j: Record<string, unknown> | null;
}

/** `CREATE TABLE` for the fixture shape in PostgreSQL (text columns in COLLATE "C", as sync creates them). */
export const ORACLE_TABLE_SQL = `CREATE TABLE oracle_rows (
  id text COLLATE "C" PRIMARY KEY, s text COLLATE "C", n integer, f double precision, b boolean, d timestamptz, j jsonb)`;

const ALPHABET = ['a', 'b', 'c', 'A', 'B', '_', '%', '.', '1', ' ', 'ã', 'Ã', 'ç', 'Ç', 'ж', 'Ж', 'é', '\n'];
const DATES = ['2020-01-01T00:00:00Z', '2021-06-15T12:30:00Z', '2022-12-31T23:59:59.999Z', '2024-02-29T08:00:00Z'].map(
  (s) => new Date(s),
);

const str = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 4 });
const int = fc.integer({ min: -3, max: 3 });
const float = fc.constantFrom(-1.5, 0, 1, 2.5, 3, 0.1);
const date = fc.constantFrom(...DATES).map((d) => new Date(d.getTime()));

/** Options shared by {@link oracleRows} and {@link oracleFilters}; a dataset and its filters should use the same. */
export interface OracleOptions {
  /** Whether json values and operands may be the numbers 0 and 1 (default true); see the restrictions above. */
  boolLikeJsonNumbers?: boolean;
  /**
   * Whether json values hold arrays and filters use the array operators (default true); `'scalars'`: only the
   * arrays of scalars (`t`), not those of objects or of arrays.
   */
  arrays?: boolean | 'scalars';
}

/** The integers and the floats that go into json values and json operands (unchanged by default). */
function jsonNumbers(options: OracleOptions): [fc.Arbitrary<number>, fc.Arbitrary<number>] {
  if (options.boolLikeJsonNumbers !== false) return [int, float];
  const notBoolLike = (v: number) => v !== 0 && v !== 1;
  return [int.filter(notBoolLike), float.filter(notBoolLike)];
}

const jsonScalarOf = (options: OracleOptions) => fc.oneof(str, ...jsonNumbers(options), fc.boolean(), fc.constant(null));

function jsonObject(options: OracleOptions) {
  const jsonScalar = jsonScalarOf(options);
  const scalars = { t: fc.array(jsonScalar, { maxLength: 3 }) };
  const arrays = options.arrays === false ? {} : options.arrays === 'scalars' ? scalars : {
    ...scalars,
    o: fc.array(fc.record({ x: jsonScalar, y: jsonScalar }), { maxLength: 3 }),
    n: fc.array(fc.array(fc.oneof(str, ...jsonNumbers(options), fc.boolean()), { maxLength: 2 }), { maxLength: 2 }),
  };
  return fc.record(
    { a: jsonScalar, b: jsonScalar, c: fc.record({ x: jsonScalar, y: jsonScalar }, { requiredKeys: [] }), ...arrays },
    { requiredKeys: [] },
  );
}

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

/** Rows of the fixture shape (ids `r0`, `r1`, ...). */
export function oracleRows(options: { minLength?: number; maxLength?: number } & OracleOptions = {}): fc.Arbitrary<OracleData[]> {
  const row = fc.record({
    s: nullable(str),
    n: nullable(int),
    f: nullable(float),
    b: nullable(fc.boolean()),
    d: nullable(date),
    j: nullable(jsonObject(options)),
  });
  return fc
    .array(row, { minLength: options.minLength ?? 5, maxLength: options.maxLength ?? 40 })
    // fc.record with optional keys builds null-prototype objects: plain copies, as a database would return.
    .map((rows) => rows.map((r, i) => ({ id: `r${i}`, ...r, j: r.j === null ? null : (JSON.parse(JSON.stringify(r.j)) as Record<string, unknown>) })));
}

/** A row as MongoDB stores it: top-level nulls omitted (absent), dates as Date, json as a sub-document. */
export function storedDocument(row: OracleData): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
}

const likePattern = fc
  .array(fc.constantFrom('a', 'b', 'A', 'c', '%', '%', '_', '\\%', '\\_', '.', ' ', '1', 'ã', 'Ç', 'ж'), { maxLength: 4 })
  .map((parts) => parts.join(''));

const regexAtom = fc.constantFrom(
  'a', 'b', 'A', 'B', '1', '\\.', '.', '[ab]', '[^a]', '[a-c]', '\\d', '\\w', '\\s', '\\W', '(a|b)', '(?:ab)', '%', '_', 'ã', 'Ç', 'ж', '[ã-ç]', '\\n',
);
const regexFlags = fc.constantFrom('', '', 'i', 's', 'm', 'is', 'im');
const regexPiece = fc.tuple(regexAtom, fc.constantFrom('', '', '*', '+', '?', '{1,2}', '{2}')).map(([a, q]) => a + q);
const regexSource = fc
  .tuple(fc.boolean(), fc.array(regexPiece, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(([start, pieces, end, alt]) => `${start ? '^' : ''}${pieces.join('')}${alt ? '|b' : ''}${end ? '$' : ''}`);

type Entry = [string, unknown];

/** Conditions on one field key: every operator, the suffix form and $not. */
function conditions(key: string, value: fc.Arbitrary<unknown>, text: boolean): fc.Arbitrary<Entry> {
  const orNull = fc.oneof(value, fc.constant(null));
  const list = fc.array(orNull, { maxLength: 3 });
  const ops: fc.Arbitrary<Record<string, unknown>>[] = [
    orNull.map((v) => ({ $eq: v })),
    orNull.map((v) => ({ $ne: v })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([op, v]) => ({ [op]: v })),
    fc.tuple(value, value).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
    list.map((v) => ({ $in: v })),
    list.map((v) => ({ $nin: v })),
    fc.boolean().map((v) => ({ $exists: v })),
  ];
  if (text) {
    ops.push(
      likePattern.map((p) => ({ $like: p })),
      likePattern.map((p) => ({ $ilike: p })),
      fc.tuple(regexSource, regexFlags).map(([src, flags]) => (flags ? { $regex: src, $options: flags } : { $regex: src })),
    );
  }
  const opObject = fc.oneof(...ops);
  const suffixes = ['gt', 'gte', 'lt', 'lte'].map((s) => value.map((v): Entry => [`${key}__${s}`, v]));
  suffixes.push(orNull.map((v): Entry => [`${key}__ne`, v]), list.map((v): Entry => [`${key}__in`, v]), list.map((v): Entry => [`${key}__nin`, v]));
  if (text) suffixes.push(fc.tuple(fc.constantFrom('like', 'ilike'), likePattern).map(([s, p]): Entry => [`${key}__${s}`, p]));
  const entries: fc.Arbitrary<Entry>[] = [
    orNull.map((v): Entry => [key, v]),
    opObject.map((o): Entry => [key, o]),
    opObject.map((o): Entry => [key, { $not: o }]),
    fc.oneof(...suffixes),
  ];
  if (text) entries.push(fc.tuple(regexSource, regexFlags).map(([src, flags]): Entry => [key, new RegExp(src, flags)]));
  if (text) entries.push(fc.tuple(regexSource, regexFlags).map(([src, flags]): Entry => [key, { $not: new RegExp(src, flags) }]));
  if (text) entries.push(fc.tuple(fc.array(value, { maxLength: 2 }), regexSource, regexFlags).map(([vs, src, flags]): Entry => [key, { $in: [...vs, new RegExp(src, flags)] }]));
  return fc.oneof(...entries);
}

const JSON_PATHS = ['j.a', 'j.b', 'j.c', 'j.c.x', 'j.c.y', 'j.zz'];

/**
 * Conditions only arrays have: `$size`, `$all`, `$elemMatch` and equality with a whole array; on `t` (arrays of
 * scalars) only, or on `o` and `n` too.
 */
function arrayEntries(options: OracleOptions): fc.Arbitrary<Entry>[] {
  if (options.arrays === false) return [];
  const scalar = fc.oneof(str, ...jsonNumbers(options), fc.boolean());
  const ops = (key: string, ops: fc.Arbitrary<Record<string, unknown>>) => fc.oneof(ops, ops.map((o) => ({ $not: o }))).map((o): Entry => [key, o]);
  const size = fc.integer({ min: 0, max: 3 }).map((n) => ({ $size: n }));
  const scalars = [
    ops('j.t', fc.oneof(
      size,
      fc.array(scalar, { minLength: 1, maxLength: 2 }).map((vs) => ({ $all: vs })),
      fc.tuple(scalar, scalar).map(([lo, hi]) => ({ $elemMatch: { $gte: lo, $lt: hi } })),
      fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 }).map((vs) => ({ $eq: vs })),
    )),
    fc.array(scalar, { maxLength: 2 }).map((vs): Entry => ['j.t', vs]),
  ];
  if (options.arrays === 'scalars') return scalars;
  return [
    ...scalars,
    ops('j.o', fc.oneof(
      size,
      fc.tuple(scalar, fc.oneof(scalar, fc.constant(null))).map(([x, y]) => ({ $elemMatch: { x, y: { $ne: y } } })),
      fc.tuple(scalar, scalar).map(([x, y]) => ({ $elemMatch: { $or: [{ x }, { y: { $gt: y } }] } })),
    )),
    ops('j.n', fc.oneof(size, fc.boolean().map((b) => ({ $exists: b })), fc.constant({ $ne: null }))),
    fc.oneof(fc.constant<Entry>(['j.n', null]), fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }).map((vs): Entry => ['j.n', vs])),
  ];
}

const JSON_ARRAY_PATHS = ['j.t', 'j.o.x', 'j.o.y'];

const fieldEntry = (options: OracleOptions): fc.Arbitrary<Entry> => fc.oneof(
  conditions('s', str, true),
  conditions('n', int, false),
  conditions('f', fc.oneof(float, int), false),
  conditions('b', fc.boolean(), false),
  conditions('d', date, false),
  conditions('id', fc.constantFrom('r0', 'r1', 'r2', 'r10', 'x'), true),
  fc.constantFrom(...JSON_PATHS, ...(options.arrays === false ? [] : options.arrays === 'scalars' ? ['j.t'] : JSON_ARRAY_PATHS))
    .chain((path) => conditions(path, fc.oneof(str, ...jsonNumbers(options), fc.boolean()), true)),
  fc.oneof(fc.constant<Entry>(['j', null]), fc.boolean().map((v): Entry => ['j', { $exists: v }]), fc.constant<Entry>(['j', { $ne: null }])),
  ...arrayEntries(options),
);

/** Random filters over {@link OracleRow} in essencia's filter language. */
export function oracleFilters(options: OracleOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  const entry = fieldEntry(options);
  const { filter } = fc.letrec<{ filter: Record<string, unknown> }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.array(entry, { minLength: 1, maxLength: 2 }).map((entries) => Object.fromEntries(entries)),
      fc.tuple(fc.constantFrom('$and', '$or', '$nor'), fc.array(tie('filter'), { minLength: 1, maxLength: 3 })).map(([op, fs]) => ({ [op]: fs })),
    ),
  }));
  return filter;
}

const SUFFIX = /^(.+)__(gt|gte|lt|lte|ne|in|nin|like|ilike)$/;

/** SQL LIKE (with `\` as escape) as an anchored regular expression. */
export function likeToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') out += escapeRegex(pattern[++i] ?? '');
    else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += escapeRegex(c);
  }
  return `^${out}$`;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * A RegExp of the generated shape (`^` only first, `$` only last) as a JavaScript RegExp that matches as PCRE does:
 * `$` also before a final newline, and with `m`, `^` never after a final newline.
 */
export function pcre(source: string, flags: string): RegExp {
  let out = source;
  if (flags.includes('m') && out.startsWith('^')) out = `(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))${out.slice(1)}`;
  if (!flags.includes('m') && out.endsWith('$') && !out.endsWith('\\$')) out = `${out.slice(0, -1)}(?=\\n?$)`;
  return new RegExp(out, flags);
}

const asPcre = (v: unknown): unknown => (v instanceof RegExp ? pcre(v.source, v.flags) : v);

/** essencia operators → MongoDB's ($like / $ilike become anchored regexes, regexes read as PCRE). */
function toMongoOps(ops: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [op, v] of Object.entries(ops)) {
    if (op === '$like' || op === '$ilike') out.$regex = new RegExp(likeToRegex(v as string), op === '$ilike' ? 'i' : '');
    else if (op === '$regex') out.$regex = pcre(v as string, (ops.$options as string | undefined) ?? '');
    else if (op === '$options') continue;
    else if (op === '$not') out.$not = v instanceof RegExp ? asPcre(v) : toMongoOps(v as Record<string, unknown>);
    else if (op === '$in' || op === '$nin') out[op] = (v as unknown[]).map(asPcre);
    else out[op] = v;
  }
  return out;
}

/** Translates a filter of essencia's language to a MongoDB query (field names kept: rows use property names). */
export function toMongoFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const clauses: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      clauses.push({ [key]: (value as Record<string, unknown>[]).map(toMongoFilter) });
      continue;
    }
    const m = SUFFIX.exec(key);
    if (m) clauses.push({ [m[1]!]: toMongoOps({ [`$${m[2]}`]: value }) });
    else if (isPlain(value)) clauses.push({ [key]: toMongoOps(value) });
    else clauses.push({ [key]: asPcre(value) });
  }
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

/**
 * The ids of the rows that MongoDB's semantics select, evaluated with mingo on the stored form of the rows.
 *
 * @example
 * mingoMatch(rows, { n__gte: 1, 'j.a': { $ne: null } }); // ['r3', 'r7']
 */
export function mingoMatch(rows: readonly OracleData[], filter: Record<string, unknown>): string[] {
  const query = new Query(toMongoFilter(filter));
  return rows.filter((row) => query.test(storedDocument(row))).map((row) => row.id);
}

/**
 * A filter (or rows) as one line of text for failure messages: RegExps as `/source/flags`, dates in ISO form.
 *
 * @example
 * describeFilter({ s: /^a/i, d__gte: new Date(0) }); // '{"s":"/^a/i","d__gte":"1970-01-01T00:00:00.000Z"}'
 */
export function describeFilter(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof RegExp ? String(v) : v));
}
