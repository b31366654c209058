import type { FieldRef, FilterNode, RegexValue, SortSpec } from '../../query/filter-ast';
import { TOP_SCOPE, type JsonScope } from './dialect';
import type { SqlParams } from './sql-params';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;

/**
 * Compiles a Filter AST to a boolean expression of the params' dialect. The expression never evaluates to NULL, so
 * `NOT` keeps MongoDB's meaning: `eq null` matches NULL, `ne`/`nin` match NULL, range operators never match NULL,
 * `in []` is FALSE, `nin []` is TRUE. Comparisons on json values, patterns and lists are the dialect's. `scope` is
 * where json paths start (inside `$elemMatch`: one array element).
 *
 * @example
 * const params = new SqlParams(postgresDialect, (v) => v);
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
      return node.ref.path.length > 0 || node.ref.field.type === 'json' ? params.dialect.jsonCmp(node, params, scope) : compileColumnCmp(node, params);
    case 'elemMatch':
      return params.dialect.elemMatch(node, params, scope, compileFilter);
  }
}

/** Compiles sort specs on `table` (quoted) to an ORDER BY list (without the keywords) in the dialect's MongoDB-like order. */
export function compileOrderBy(sort: readonly SortSpec[], params: SqlParams, table: string): string {
  return sort.map((s) => params.dialect.orderBy(s, params, table)).join(', ');
}

function join(parts: string[], op: 'AND' | 'OR'): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(` ${op} `)})`;
}

/** Parenthesizes an expression unless it already is one group. */
export function wrap(sql: string): string {
  return /^\((?:[^()]|\([^()]*\))*\)$/.test(sql) ? sql : `(${sql})`;
}

/** Splits an $in / $nin list into its non-null values and whether it holds a null. */
export function splitList(value: unknown): { values: unknown[]; hasNull: boolean } {
  const list = value as unknown[];
  return { values: list.filter((v) => v !== null), hasNull: list.includes(null) };
}

function compileColumnCmp(node: Cmp, params: SqlParams): string {
  const d = params.dialect;
  const c = d.quoteIdent(node.ref.field.column);
  // `c IS NOT NULL AND ...` keeps the result two-valued and lets the planner use an index on `c`.
  const guarded = (expr: string): string => (isNeverNull(node.ref) ? expr : `(${c} IS NOT NULL AND ${expr})`);
  // Where the column's own order is not its values' (SQLite's decimals), both sides are compared through a key.
  const as = d.comparedAs?.(node.ref.field);
  const cc = as ? as.column(c) : c;
  const bound = (value: unknown): unknown => (as ? as.value(value) : value);
  const v = node.value;
  switch (node.op) {
    case 'eq':
      return v === null ? `${c} IS NULL` : guarded(`${cc} = ${params.add(bound(v))}`);
    case 'ne':
      return v === null ? `${c} IS NOT NULL` : d.distinctFrom(cc, params.add(bound(v)));
    case 'gt':
      return guarded(`${cc} > ${params.add(bound(v))}`);
    case 'gte':
      return guarded(`${cc} >= ${params.add(bound(v))}`);
    case 'lt':
      return guarded(`${cc} < ${params.add(bound(v))}`);
    case 'lte':
      return guarded(`${cc} <= ${params.add(bound(v))}`);
    case 'in': {
      const { values, hasNull } = splitList(v);
      const parts = [...(values.length ? [guarded(d.inList(cc, node.ref.field, values.map(bound), params, false))] : []), ...(hasNull ? [`${c} IS NULL`] : [])];
      return parts.length === 0 ? 'FALSE' : join(parts, 'OR');
    }
    case 'nin': {
      const { values, hasNull } = splitList(v);
      if (values.length === 0) return hasNull ? `${c} IS NOT NULL` : 'TRUE';
      const all = d.inList(cc, node.ref.field, values.map(bound), params, true);
      return hasNull ? `(${c} IS NOT NULL AND ${all})` : `(${c} IS NULL OR ${all})`;
    }
    case 'exists':
      return v ? `${c} IS NOT NULL` : `${c} IS NULL`;
    case 'like':
      return guarded(d.like(c, v as string, params));
    case 'ilike':
      return guarded(d.ilike(c, v as string, params));
    case 'regex':
      return guarded(d.regex(c, v as RegexValue, params));
    case 'size':
      // The parser allows $size on json fields only; a scalar column is never an array.
      return 'FALSE';
  }
}

/** The primary key is never NULL, so its comparisons need no guard. */
function isNeverNull(ref: FieldRef): boolean {
  return ref.field.isId;
}
