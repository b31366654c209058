import type { FilterNode } from '../../query/filter-ast';
import type { CompileFilter, JsonScope } from './dialect';
import { splitList, wrap } from './filter-sql';
import type { SqlParams } from './sql-params';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type ElemMatch = Extract<FilterNode, { kind: 'elemMatch' }>;

/** A range operator in SQL. */
export type RangeOp = '>' | '>=' | '<' | '<=';

const RANGE: Record<'gt' | 'gte' | 'lt' | 'lte', RangeOp> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * What a dialect writes for comparisons on json values; {@link compileJsonCmp} and {@link compileJsonElemMatch} put
 * it together with MongoDB's meaning. `x` is the SQL of one json value (SQL NULL: absent). Every predicate is
 * guarded by the value's JSON type, so a value of another type never matches and never raises an error.
 */
export interface JsonSql<Reached> {
  /**
   * The values a ref reaches under MongoDB's path rules (see FilterNode): an object step takes the key (absent when
   * it is missing, or when the value is a scalar or null), an array step takes the key of each element that is an
   * object, an all-digits key also takes that position of an array. With `expand`, an array reached at the end
   * offers itself and each of its elements.
   */
  reach(ref: Cmp['ref'], scope: JsonScope, params: SqlParams, expand: boolean): Reached;
  /** The SQL of one value reached. */
  valueOf(reached: Reached): string;
  /** Whether any value reached satisfies `predicate`. */
  any(reached: Reached, predicate: string): string;
  /** The json column itself. */
  column(name: string): string;
  /** `x` is absent or JSON null. */
  isNullish(x: string): string;
  /** `x` equals one of `values` (JSON values, none of them null): same JSON type, strings byte-wise. */
  equalsAny(x: string, values: readonly unknown[], params: SqlParams): string;
  /** `x` is of `v`'s JSON type and compares to it by `op` (strings byte-wise). */
  compare(x: string, op: RangeOp, v: string | number | boolean, params: SqlParams): string;
  /** `x` is a string that matches a LIKE pattern byte-wise, an ILIKE pattern, or a `$regex`. */
  match(x: string, op: 'like' | 'ilike' | 'regex', v: unknown, params: SqlParams): string;
  /** `x` is an array of `n` elements. */
  hasSize(x: string, n: unknown, params: SqlParams): string;
  /** A FROM item over the elements of `x` (no rows when it is not an array), and the SQL of one element. */
  elements(x: string, alias: string): { readonly from: string; readonly element: string };
  /** `x` is a JSON object. */
  isObject(x: string): string;
}

/**
 * Compiles a comparison on a json field or path with MongoDB's meaning (path rules of FilterNode): it matches when
 * any value reached matches; range and pattern operators only match values of the operand's JSON type. `ne` and
 * `nin` are `NOT` of `eq` and `in`.
 */
export function compileJsonCmp<R>(json: JsonSql<R>, node: Cmp, params: SqlParams, scope: JsonScope): string {
  const v = node.value;
  const values = (expand: boolean) => json.reach(node.ref, scope, params, expand);
  switch (node.op) {
    case 'eq':
    case 'ne': {
      const c = values(true);
      const x = json.valueOf(c);
      const sql = json.any(c, v === null ? json.isNullish(x) : json.equalsAny(x, [v], params));
      return node.op === 'eq' ? sql : `NOT ${sql}`;
    }
    case 'in':
    case 'nin': {
      const { values: list, hasNull } = splitList(v);
      if (list.length === 0 && !hasNull) return node.op === 'in' ? 'FALSE' : 'TRUE';
      const c = values(true);
      const x = json.valueOf(c);
      const parts = [...(list.length ? [json.equalsAny(x, list, params)] : []), ...(hasNull ? [json.isNullish(x)] : [])];
      const sql = json.any(c, parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
      return node.op === 'in' ? sql : `NOT ${sql}`;
    }
    case 'exists': {
      // The deliberate difference: a json field itself is a declared top-level field, where null is absent.
      if (node.ref.path.length === 0 && scope.root === undefined) {
        const c = json.column(node.ref.field.column);
        return v ? `NOT ${json.isNullish(c)}` : json.isNullish(c);
      }
      const c = values(false);
      const sql = json.any(c, `${json.valueOf(c)} IS NOT NULL`);
      return v ? sql : `NOT ${sql}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const c = values(true);
      return json.any(c, json.compare(json.valueOf(c), RANGE[node.op], v as string | number | boolean, params));
    }
    case 'like':
    case 'ilike':
    case 'regex': {
      const c = values(true);
      return json.any(c, json.match(json.valueOf(c), node.op, v, params));
    }
    case 'size': {
      const c = values(false);
      return json.any(c, json.hasSize(json.valueOf(c), v, params));
    }
  }
}

/** Some array reached at the ref has an element (an object, for the document form) that matches the inner filter. */
export function compileJsonElemMatch<R>(json: JsonSql<R>, node: ElemMatch, params: SqlParams, scope: JsonScope, compile: CompileFilter): string {
  const arrays = json.reach(node.ref, scope, params, false);
  const depth = scope.depth + 1;
  const { from, element } = json.elements(json.valueOf(arrays), `j${depth}el`);
  const inner = compile(node.node, params, { root: element, element: node.form === 'value', depth });
  const objects = node.form === 'document' ? `${json.isObject(element)} AND ` : '';
  return json.any(arrays, `EXISTS (SELECT 1 FROM ${from} WHERE ${objects}${wrap(inner)})`);
}
