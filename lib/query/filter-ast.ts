import type { FieldMeta } from '../metadata/types';
import type { RegexFlags, RegexNode } from './regex/regex-ast';

/** Comparison operators of the Filter AST. */
export type CmpOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'like' | 'ilike' | 'regex' | 'size';

/** A stored field, optionally followed by a path into its JSON value. */
export interface FieldRef {
  readonly field: FieldMeta;
  /** Keys inside a JSON field (`address.city` → ['city']); empty for the field itself. */
  readonly path: readonly string[];
}

/** A regular expression of the portable subset, parsed; each driver renders `tree` in its own syntax. */
export interface RegexValue {
  /** The pattern as given (after the `x` option dropped its whitespace and comments), for messages. */
  readonly source: string;
  readonly flags: RegexFlags;
  readonly tree: RegexNode;
}

/**
 * A validated filter. Values are in their stored form (what the driver writes), and MongoDB's meaning applies:
 * `eq null` matches null and absent, `ne`/`nin` are exactly `not eq`/`not in`, range operators never match null,
 * `in []` matches nothing (the empty `or`). On a declared top-level field a stored null is the same as absent.
 *
 * Inside a json field (a ref with a path, or the json field itself) MongoDB's path rules apply and every driver
 * must follow them: a path step into an array continues into each element that is an object (an element that is
 * not an object gives nothing; an object without the key gives "absent"); a step into a scalar or a null gives
 * "absent". A comparison matches when any value reached matches, where an array reached at the end also offers
 * each of its elements (`{ tags: 'x' }` matches `['x', 'y']`, `{ tags: ['x', 'y'] }` the whole array). `size`
 * and `elemMatch` apply to the arrays reached, not to their elements. Inside `elemMatch` the refs are relative to
 * one element of the array (`form: 'document'`: elements that are objects; `'value'`: any element, not expanded).
 * Every driver compiles this, and only this.
 */
export type FilterNode =
  | { readonly kind: 'and'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly node: FilterNode }
  | { readonly kind: 'cmp'; readonly ref: FieldRef; readonly op: CmpOp; readonly value: unknown }
  | { readonly kind: 'elemMatch'; readonly ref: FieldRef; readonly form: 'document' | 'value'; readonly node: FilterNode };

export interface SortSpec {
  readonly ref: FieldRef;
  readonly direction: 'asc' | 'desc';
}

/** What to read. `fields` limits the columns (partial instances). */
export interface FindSpec {
  readonly filter?: FilterNode;
  readonly sort?: readonly SortSpec[];
  readonly limit?: number;
  readonly offset?: number;
  readonly fields?: readonly FieldMeta[];
}

/** The filter that matches nothing (an empty `or`). */
export const NOTHING: FilterNode = Object.freeze({ kind: 'or', nodes: [] });

export const and = (nodes: readonly FilterNode[]): FilterNode =>
  nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };

export const cmp = (field: FieldMeta, op: CmpOp, value: unknown, path: readonly string[] = []): FilterNode => ({
  kind: 'cmp',
  ref: { field, path },
  op,
  value,
});
