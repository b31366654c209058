import type { DataKeys } from '../model/model-types';

/** A value a JSON path can be compared with. */
export type JsonScalar = string | number | boolean;

/** Whether a field holds an object or array (a json field), as opposed to a scalar or a Date. */
type IsJson<V> = [NonNullable<V>] extends [Date] ? false : [NonNullable<V>] extends [object] ? true : false;

/** What a field is compared with: its own type, or JSON scalars for json fields. */
type ValueOf<V> = IsJson<V> extends true ? JsonScalar : NonNullable<V>;

/** Keys of T holding json values (the ones that accept dotted paths). */
type JsonKeys<T> = { [K in DataKeys<T>]: IsJson<T[K]> extends true ? K : never }[DataKeys<T>];

/** A JSON array a json field or path can be compared with as a whole (or with an element that is one). */
export type JsonArray = readonly (JsonScalar | null | JsonArray)[];

/**
 * The operators of a field condition; several in one object are ANDed. `J` says whether the field is json
 * (where `$size`, `$elemMatch` and array values apply).
 *
 * @example
 * const price: FieldOperators<number> = { $gte: 100, $lt: 500 };
 */
export interface FieldOperators<V, J extends boolean = false> {
  $eq?: V | null | (J extends true ? JsonArray : never);
  $ne?: V | null | (J extends true ? JsonArray : never);
  /** `$gte: null` / `$lte: null` match null and missing; `$gt: null` / `$lt: null` match nothing. */
  $gt?: V | null;
  $gte?: V | null;
  $lt?: V | null;
  $lte?: V | null;
  $in?: readonly (V | null | (V extends string ? RegExp : never))[];
  $nin?: readonly (V | null | (V extends string ? RegExp : never))[];
  $exists?: boolean | 0 | 1;
  /** SQL LIKE: `%` any run, `_` one character, anchored; `\` escapes. */
  $like?: V extends string ? string : never;
  /** Case-insensitive `$like` (Unicode simple case folding). */
  $ilike?: V extends string ? string : never;
  /** A regular expression of the portable subset (docs/filters.md). */
  $regex?: V extends string ? string | RegExp : never;
  /** Any of `i`, `m`, `s`, `x`. */
  $options?: string;
  $not?: FieldOperators<V, J> | (V extends string ? RegExp : never);
  /** Every listed value matches (values, RegExps, `{ $elemMatch }`). */
  $all?: readonly (V | null | (V extends string ? RegExp : never) | (J extends true ? JsonArray | { $elemMatch: object } : never))[];
  /** The value is an array of this length (json only). */
  $size?: J extends true ? number : never;
  /** One element meets every condition: operators on values, or a filter on objects (json only). */
  $elemMatch?: J extends true ? FieldOperators<JsonScalar> | Record<string, unknown> : never;
}

/** A plain value (equality), null (null or missing), a RegExp, or an operator object. */
export type Condition<V, J extends boolean = false> =
  | V
  | null
  | FieldOperators<V, J>
  | (V extends string ? RegExp : never)
  | (J extends true ? JsonArray : never);

type FieldConditions<T> = { [K in DataKeys<T>]?: Condition<ValueOf<T[K]>, IsJson<T[K]>> };

type SuffixConditions<T> = { [K in DataKeys<T> as `${K}__${'gt' | 'gte' | 'lt' | 'lte'}`]?: ValueOf<T[K]> } & {
  [K in DataKeys<T> as `${K}__ne`]?: ValueOf<T[K]> | null;
} & { [K in DataKeys<T> as `${K}__${'in' | 'nin'}`]?: readonly (ValueOf<T[K]> | null)[] } & {
  [K in DataKeys<T> as ValueOf<T[K]> extends string ? `${K}__${'like' | 'ilike'}` : never]?: string;
};

type PathConditions<T> = {
  [K in JsonKeys<T> as `${K}.${string}`]?: Condition<JsonScalar, true>;
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
