import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode, type SortSpec } from './filter-ast';
import { refName } from './filter-field';
import { storedFilterValue } from './filter-values';

/** One keyset page of `cursorPage`. */
export interface CursorPage<T> {
  items: T[];
  /** The cursor after the last item, for `{ after: endCursor }`; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The largest `first` a page may ask for. */
export const MAX_PAGE_SIZE = 10_000;

/** Checks `first`: a positive integer up to {@link MAX_PAGE_SIZE}. */
export function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new QueryError(`cursorPage: first must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
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
