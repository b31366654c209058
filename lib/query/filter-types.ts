import type { DataKeys } from '../model/model-types';

/** A value a JSON path can be compared with. */
export type JsonScalar = string | number | boolean;

/** Whether a field holds an object or array (a json field), as opposed to a scalar or a Date. */
type IsJson<V> = [NonNullable<V>] extends [Date] ? false : [NonNullable<V>] extends [object] ? true : false;

/** What a field is compared with: its own type, or JSON scalars for json fields. */
type ValueOf<V> = IsJson<V> extends true ? JsonScalar : NonNullable<V>;

/** Keys of T holding json values (the ones that accept dotted paths). */
type JsonKeys<T> = { [K in DataKeys<T>]: IsJson<T[K]> extends true ? K : never }[DataKeys<T>];

/**
 * The operators of a field condition; several in one object are ANDed.
 *
 * @example
 * const price: FieldOperators<number> = { $gte: 100, $lt: 500 };
 */
export interface FieldOperators<V> {
  $eq?: V | null;
  $ne?: V | null;
  $gt?: V;
  $gte?: V;
  $lt?: V;
  $lte?: V;
  $in?: readonly (V | null)[];
  $nin?: readonly (V | null)[];
  $exists?: boolean;
  /** SQL LIKE: `%` any run, `_` one character, anchored; `\` escapes. */
  $like?: V extends string ? string : never;
  /** Case-insensitive `$like`. */
  $ilike?: V extends string ? string : never;
  /** A regular expression in the subset JavaScript, PostgreSQL and MongoDB agree on. */
  $regex?: V extends string ? string | RegExp : never;
  $options?: 'i' | '';
  $not?: FieldOperators<V> | (V extends string ? RegExp : never);
}

/** A plain value (equality), null (null or missing), a RegExp, or an operator object. */
export type Condition<V> = V | null | FieldOperators<V> | (V extends string ? RegExp : never);

type FieldConditions<T> = { [K in DataKeys<T>]?: Condition<ValueOf<T[K]>> };

type SuffixConditions<T> = { [K in DataKeys<T> as `${K}__${'gt' | 'gte' | 'lt' | 'lte'}`]?: ValueOf<T[K]> } & {
  [K in DataKeys<T> as `${K}__ne`]?: ValueOf<T[K]> | null;
} & { [K in DataKeys<T> as `${K}__${'in' | 'nin'}`]?: readonly (ValueOf<T[K]> | null)[] } & {
  [K in DataKeys<T> as ValueOf<T[K]> extends string ? `${K}__${'like' | 'ilike'}` : never]?: string;
};

type PathConditions<T> = {
  [K in JsonKeys<T> as `${K}.${string}`]?: Condition<JsonScalar> | readonly (JsonScalar | null)[];
};

/** `$and`, `$or`, `$nor`: non-empty lists of filters. */
export interface LogicalConditions<T> {
  $and?: readonly Filter<T>[];
  $or?: readonly Filter<T>[];
  $nor?: readonly Filter<T>[];
}

/**
 * A filter typed by the model: per data property a value or an operator object; the suffix form
 * (`appointmentDate__gte`); dotted paths into json fields (`'address.city'`); `$and`, `$or`, `$nor`.
 *
 * @example
 * const f: Filter<Appointment> = {
 *   status: { $in: ['scheduled', 'confirmed'] },
 *   appointmentDate__gte: new Date(),
 *   $or: [{ doctorName: { $ilike: 'dr. a%' } }, { priceCents: { $lt: 10_000 } }],
 * };
 */
export type Filter<T> = object & FieldConditions<T> & SuffixConditions<T> & PathConditions<T> & LogicalConditions<T>;

/** A sort direction: `'asc'`/`1` or `'desc'`/`-1`. */
export type SortDirection = 'asc' | 'desc' | 1 | -1;

/** A sortable key: a data property or a dotted path into a json field. */
export type SortKey<T> = DataKeys<T> | `${JsonKeys<T>}.${string}`;

type SortObject<T> = object & { [K in DataKeys<T>]?: SortDirection } & { [K in JsonKeys<T> as `${K}.${string}`]?: SortDirection };

/**
 * A sort: `'field'` (ascending), `{ field: 'desc', other: 1 }` (key order kept), or a list of those and of
 * `[field, direction]` tuples. MongoDB's order applies everywhere: nulls first when ascending.
 *
 * @example
 * const o: OrderBy<Appointment> = [{ appointmentDate: 'desc' }, ['doctorName', 'asc']];
 */
export type OrderBy<T> = SortKey<T> | SortObject<T> | readonly (SortKey<T> | SortObject<T> | readonly [SortKey<T>, SortDirection])[];
