import type { FieldMeta } from '../metadata/types';

/** Comparison operators of the Filter AST. */
export type CmpOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'like' | 'ilike' | 'regex';

/** A stored field, optionally followed by a path into its JSON value. */
export interface FieldRef {
  readonly field: FieldMeta;
  /** Keys inside a JSON field (`address.city` → ['city']); empty for the field itself. */
  readonly path: readonly string[];
}

/** A regular expression in the subset JavaScript, PostgreSQL and MongoDB agree on. */
export interface RegexValue {
  readonly source: string;
  readonly ignoreCase: boolean;
}

/**
 * A validated filter. Values are in their stored form (what the driver writes), and MongoDB's meaning applies:
 * `eq null` matches null and absent, `ne`/`nin` match null and absent, range operators never match null,
 * `in []` matches nothing. Every driver compiles this, and only this.
 */
export type FilterNode =
  | { readonly kind: 'and'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly node: FilterNode }
  | { readonly kind: 'cmp'; readonly ref: FieldRef; readonly op: CmpOp; readonly value: unknown };

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

export const and = (nodes: readonly FilterNode[]): FilterNode =>
  nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };

export const cmp = (field: FieldMeta, op: CmpOp, value: unknown, path: readonly string[] = []): FilterNode => ({
  kind: 'cmp',
  ref: { field, path },
  op,
  value,
});
