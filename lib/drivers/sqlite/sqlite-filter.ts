import type { FilterNode, SortSpec } from '../../query/filter-ast';
import { jsonProgram } from './json-program';
import { quoteIdent } from './sqlite-quote';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type ElemMatch = Extract<FilterNode, { kind: 'elemMatch' }>;

/** Adds a parameter and returns its placeholder. */
type AddParam = (value: unknown) => string;

/**
 * A json condition (a comparison on a json field or a path into it, or an `$elemMatch`) as a call of the registered
 * function `essencia_json`, which evaluates MongoDB's path rules in JavaScript (json-match.ts) and returns 0 or 1,
 * never NULL. The program is a parameter, so the statement text does not depend on the values. `$exists` on the
 * json field itself is the one plain-SQL case: a declared top-level field, where null means absent.
 */
export function sqliteJsonCondition(node: Cmp | ElemMatch, add: AddParam): string {
  const c = quoteIdent(node.ref.field.column);
  if (node.kind === 'cmp' && node.op === 'exists' && node.ref.path.length === 0) {
    const nullish = `(${c} IS NULL OR ${c} = 'null')`;
    return node.value ? `NOT ${nullish}` : nullish;
  }
  return `essencia_json(${c}, ${add(JSON.stringify(jsonProgram(node)))})`;
}

/**
 * ORDER BY items for one sort key, with MongoDB's order: nulls first ascending, last descending. Decimals sort by
 * their numeric key, json values by `essencia_json_sort` (MongoDB's type order, then the value).
 */
export function sqliteOrderBy({ ref, direction }: SortSpec, add: AddParam): string {
  const suffix = direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
  const c = quoteIdent(ref.field.column);
  if (ref.path.length > 0 || ref.field.type === 'json') return `essencia_json_sort(${c}, ${add(JSON.stringify(ref.path))}) ${suffix}`;
  return `${ref.field.type === 'decimal' ? `essencia_decimal(${c})` : c} ${suffix}`;
}
