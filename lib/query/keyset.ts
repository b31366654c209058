import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode, type SortSpec } from './filter-ast';
import { refName } from './filter-field';
import { storedFilterValue } from './filter-values';

/** One keyset page of `cursorPage`, its items in the query's order either way. */
export interface CursorPage<T> {
  items: T[];
  /** The cursor of the first item, for `{ last, before: startCursor }`; null when the page is empty. */
  startCursor: string | null;
  /** The cursor of the last item, for `{ first, after: endCursor }`; null when the page is empty. */
  endCursor: string | null;
  /** Paging forward: more rows follow. Paging backward: a `before` cursor was given (its row follows). */
  hasNextPage: boolean;
  /** Paging backward: more rows precede. Paging forward: an `after` cursor was given (its row precedes). */
  hasPreviousPage: boolean;
}

/** The rows after a cursor (`first`, `after`), or before one (`last`, `before`). */
export type CursorPageArgs =
  | { first: number; after?: string | null; last?: undefined; before?: undefined }
  | { last: number; before?: string | null; first?: undefined; after?: undefined };

/** The largest page `first` or `last` may ask for. */
export const MAX_PAGE_SIZE = 10_000;

/** Reads the arguments: the page size (a positive integer up to {@link MAX_PAGE_SIZE}), the cursor and the direction. */
export function pageArgs(args: CursorPageArgs): { size: number; cursor: string | null | undefined; backward: boolean } {
  const backward = args.last !== undefined;
  if (backward && (args.first !== undefined || args.after !== undefined)) {
    throw new QueryError('cursorPage takes first and after, or last and before, not both');
  }
  if (!backward && args.before !== undefined) throw new QueryError('cursorPage: before goes with last, not first');
  const size = backward ? args.last : args.first;
  const name = backward ? 'last' : 'first';
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new QueryError(`cursorPage: ${name} must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return { size, cursor: backward ? args.before : args.after, backward };
}

/** The same keys in the opposite order (nulls move with it: last ascending becomes first descending). */
export function reversed(keys: readonly SortSpec[]): SortSpec[] {
  return keys.map((k) => ({ ref: k.ref, direction: k.direction === 'asc' ? 'desc' : 'asc' }));
}

/**
 * The sort of a keyset page: the query's keys up to the id, then the id ascending as the final tie-breaker (the
 * drivers break ties the same way). Keys are plain fields: json values have no seekable order on every backend.
 */
export function seekKeys(meta: ModelMeta, sort: readonly SortSpec[]): SortSpec[] {
  const keys: SortSpec[] = [];
  for (const spec of sort) {
    if (spec.ref.path.length > 0 || spec.ref.field.type === 'json') {
      throw new QueryError(`${refName(meta, spec.ref)}: cursorPage sorts on plain fields only, not on json values`);
    }
    keys.push(spec);
    if (spec.ref.field.isId) return keys;
  }
  return [...keys, { ref: { field: meta.id, path: [] }, direction: 'asc' }];
}

/** What a cursor is signed with: the model and its sort, so a cursor of another query or sort is refused. */
export function cursorScope(meta: ModelMeta, keys: readonly SortSpec[]): string {
  return `${meta.database}/${meta.collection}/${keys.map((k) => `${k.ref.field.column}:${k.direction}`).join(',')}`;
}

/**
 * The rows strictly after `values` in the order of `keys`, as a filter every driver compiles: for each key, the
 * rows equal on the keys before it and after it on this one. Nulls sit where MongoDB sorts them (and the SQL
 * drivers too): first ascending, last descending.
 *
 * @example
 * seekFilter(meta, seekKeys(meta, parseSort(meta, { rank: 'desc' })), [3, 'id-1']);
 * // rank < 3 or rank is null, or rank = 3 and id > 'id-1'
 */
export function seekFilter(meta: ModelMeta, keys: readonly SortSpec[], values: readonly unknown[]): FilterNode {
  const branches: FilterNode[] = [];
  const equal: FilterNode[] = [];
  keys.forEach(({ ref, direction }, i) => {
    const raw = values[i];
    const value = raw === null ? null : storedFilterValue(meta, ref, 'cursorPage', raw);
    const after =
      value === null ? (direction === 'asc' ? cmp(ref.field, 'ne', null) : undefined)
      : direction === 'asc' ? cmp(ref.field, 'gt', value)
      : ({ kind: 'or', nodes: [cmp(ref.field, 'lt', value), cmp(ref.field, 'eq', null)] } as const);
    if (after) branches.push(and([...equal, after]));
    equal.push(cmp(ref.field, 'eq', value));
  });
  return { kind: 'or', nodes: branches };
}
