import type { FieldMeta } from '../../metadata/types';
import { arrayType } from './column-types';
import type { FieldRef, FilterNode, RegexValue } from '../../query/filter-ast';
import { arrayElements, compileJsonCmp, reach, splitList, TOP_SCOPE, type JsonScope } from './filter-sql-json';
import { postgresIlike, postgresRegex } from './regex-sql';
import { quoteIdent } from './quote';
import type { SqlParams } from './sql-params';

export { compileOrderBy } from './order-by-sql';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;

/**
 * Compiles a Filter AST to a PostgreSQL boolean expression with positional parameters. The expression never
 * evaluates to NULL, so `NOT` keeps MongoDB's meaning: `eq null` matches NULL, `ne`/`nin` match NULL, range
 * operators never match NULL, `in []` is FALSE, `nin []` is TRUE. Refs into json follow MongoDB's path rules
 * (filter-sql-json.ts); regular expressions and `$ilike` are rendered by regex-sql.ts. `scope` is where json
 * paths start (inside `$elemMatch`: one array element).
 *
 * @example
 * const params = new SqlParams((v) => v);
 * compileFilter(parseFilter(meta, { age: { $gte: 18 } })!, params); // ("age" IS NOT NULL AND "age" >= $1)
 */
export function compileFilter(node: FilterNode, params: SqlParams, scope: JsonScope = TOP_SCOPE): string {
  switch (node.kind) {
    case 'and':
      return node.nodes.length === 0 ? 'TRUE' : join(node.nodes.map((n) => compileFilter(n, params, scope)), 'AND');
    case 'or':
      return node.nodes.length === 0 ? 'FALSE' : join(node.nodes.map((n) => compileFilter(n, params, scope)), 'OR');
    case 'not':
      return `NOT ${wrap(compileFilter(node.node, params, scope))}`;
    case 'cmp':
      return node.ref.path.length > 0 || node.ref.field.type === 'json' ? compileJsonCmp(node, params, scope) : compileColumnCmp(node, params);
    case 'elemMatch':
      return compileElemMatch(node, params, scope);
  }
}

/** Some array reached at the ref has an element (an object, for the document form) that matches the inner filter. */
function compileElemMatch(node: Extract<FilterNode, { kind: 'elemMatch' }>, params: SqlParams, scope: JsonScope): string {
  const arrays = reach(node.ref, scope, params, false);
  const depth = scope.depth + 1;
  const e = `j${depth}el`;
  const inner = compileFilter(node.node, params, { root: `${e}.v`, element: node.form === 'value', depth });
  const objects = node.form === 'document' ? `jsonb_typeof(${e}.v) = 'object' AND ` : '';
  return `EXISTS (SELECT 1 FROM ${arrays.from} WHERE EXISTS (SELECT 1 FROM ${arrayElements(arrays.value)} AS ${e}(v) WHERE ${objects}${wrap(inner)}))`;
}

function join(parts: string[], op: 'AND' | 'OR'): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(` ${op} `)})`;
}

/** Parenthesizes an expression unless it already is one group. */
function wrap(sql: string): string {
  return /^\((?:[^()]|\([^()]*\))*\)$/.test(sql) ? sql : `(${sql})`;
}

/**
 * A list as one array parameter, cast to the column's array type. postgres.js declares an array of Dates as a
 * single timestamptz, so dates travel as ISO text and the cast converts them back.
 */
function listParam(field: FieldMeta, values: readonly unknown[], params: SqlParams): string {
  const bound = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return `${params.add(bound)}::${arrayType(field)}`;
}

/**
 * `= ANY(list)` / `<> ALL(list)`. Booleans (two values at most) become scalar parameters: postgres.js would
 * declare a boolean array as one boolean, and its boolean serializer takes no text.
 */
function inList(c: string, field: FieldMeta, values: readonly unknown[], params: SqlParams, negate: boolean): string {
  if (field.type === 'boolean') {
    const placeholders = [...new Set(values)].map((v) => params.add(v)).join(', ');
    return `${c} ${negate ? 'NOT IN' : 'IN'} (${placeholders})`;
  }
  return negate ? `${c} <> ALL(${listParam(field, values, params)})` : `${c} = ANY(${listParam(field, values, params)})`;
}

function compileColumnCmp(node: Cmp, params: SqlParams): string {
  const c = quoteIdent(node.ref.field.column);
  // `c IS NOT NULL AND ...` keeps the result two-valued and lets the planner use an index on `c`.
  const guarded = (expr: string): string => (isNeverNull(node.ref) ? expr : `(${c} IS NOT NULL AND ${expr})`);
  const v = node.value;
  switch (node.op) {
    case 'eq':
      return v === null ? `${c} IS NULL` : guarded(`${c} = ${params.add(v)}`);
    case 'ne':
      return v === null ? `${c} IS NOT NULL` : `${c} IS DISTINCT FROM ${params.add(v)}`;
    case 'gt':
      return guarded(`${c} > ${params.add(v)}`);
    case 'gte':
      return guarded(`${c} >= ${params.add(v)}`);
    case 'lt':
      return guarded(`${c} < ${params.add(v)}`);
    case 'lte':
      return guarded(`${c} <= ${params.add(v)}`);
    case 'in': {
      const { values, hasNull } = splitList(v);
      const parts = [...(values.length ? [guarded(inList(c, node.ref.field, values, params, false))] : []), ...(hasNull ? [`${c} IS NULL`] : [])];
      return parts.length === 0 ? 'FALSE' : join(parts, 'OR');
    }
    case 'nin': {
      const { values, hasNull } = splitList(v);
      if (values.length === 0) return hasNull ? `${c} IS NOT NULL` : 'TRUE';
      const all = inList(c, node.ref.field, values, params, true);
      return hasNull ? `(${c} IS NOT NULL AND ${all})` : `(${c} IS NULL OR ${all})`;
    }
    case 'exists':
      return v ? `${c} IS NOT NULL` : `${c} IS NULL`;
    case 'like':
      return guarded(`${c} LIKE ${params.add(v)}`);
    case 'ilike':
      return guarded(`${c} ~ ${params.add(postgresIlike(v as string))}`);
    case 'regex':
      return guarded(`${c} ~ ${params.add(postgresRegex(v as RegexValue))}`);
    case 'size':
      // The parser allows $size on json fields only; a scalar column is never an array.
      return 'FALSE';
  }
}

/** The primary key is never NULL, so its comparisons need no guard. */
function isNeverNull(ref: FieldRef): boolean {
  return ref.field.isId;
}
