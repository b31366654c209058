import type { FilterNode, RegexValue } from '../../query/filter-ast';
import type { CompileFilter, JsonScope } from '../sql/dialect';
import { splitList, wrap } from '../sql/filter-sql';
import type { SqlParams } from '../sql/sql-params';
import { postgresIlike, postgresRegex } from './pg-regex';
import { quoteIdent } from './pg-quote';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type ElemMatch = Extract<FilterNode, { kind: 'elemMatch' }>;

/** Expressions for a json value: the value itself and its text. */
export interface JsonAccess {
  /** The jsonb value (SQL NULL when absent). */
  readonly value: string;
  /** The value as text (`#>>`), for string comparisons. */
  readonly text: string;
}

/**
 * Expressions for a json field (`"col"`) or a plain path into it (`("col" #> $n::text[])`), as sorting reads them.
 *
 * @example
 * jsonAccess('"address"', ['city'], params); // { value: '("address" #> $1::text[])', text: '("address" #>> $1::text[])' }
 */
export function jsonAccess(column: string, path: readonly string[], params: SqlParams): JsonAccess {
  if (path.length === 0) return { value: column, text: `(${column} #>> '{}')` };
  const p = params.add([...path]);
  return { value: `(${column} #> ${p}::text[])`, text: `(${column} #>> ${p}::text[])` };
}

const jsonType = (x: string): string => `jsonb_typeof(${x})`;
const jsonGet = (x: string, keyParam: string): string => `${x} -> ${keyParam}::text`;
const jsonParam = (v: unknown, params: SqlParams): string => `${params.json(v)}::jsonb`;
const jsonText = (x: string): string => `(${x} #>> '{}')`;
const isNullish = (x: string): string => `(${x} IS NULL OR ${x} = 'null'::jsonb)`;

/** The elements of a jsonb value when it is an array, else no rows (never an error). */
export function arrayElements(x: string): string {
  return `jsonb_array_elements(CASE WHEN ${jsonType(x)} = 'array' THEN ${x} ELSE '[]'::jsonb END)`;
}

/** The values a json ref reaches, as a FROM clause and the expression of one value (SQL NULL: absent). */
export interface Reached {
  readonly from: string;
  readonly value: string;
}

/**
 * The values a path reaches under MongoDB's rules (see FilterNode): an object step takes the key (SQL NULL when it is
 * absent, or when the value is a scalar or null), an array step takes the key of each element that is an object,
 * and an all-digits key also takes that position of an array. With `expand`, an array reached at the end offers
 * itself and each of its elements.
 */
export function reach(ref: Cmp['ref'], scope: JsonScope, params: SqlParams, expand: boolean): Reached {
  const a = `j${scope.depth}s`;
  let from = `(SELECT ${scope.root ?? quoteIdent(ref.field.column)} AS v) ${a}0`;
  let prev = `${a}0.v`;
  ref.path.forEach((key, i) => {
    const e = `${a}${i + 1}e`;
    const positional = /^\d{1,9}$/.test(key)
      ? ` UNION ALL SELECT ${prev} -> ${Number(key)} WHERE ${jsonType(prev)} = 'array' AND jsonb_array_length(${prev}) > ${Number(key)}`
      : '';
    from +=
      ` CROSS JOIN LATERAL (SELECT ${jsonGet(prev, params.add(key))} AS v WHERE ${jsonType(prev)} IS DISTINCT FROM 'array'` +
      ` UNION ALL SELECT ${jsonGet(`${e}.v`, params.add(key))} FROM ${arrayElements(prev)} AS ${e}(v) WHERE ${jsonType(`${e}.v`)} = 'object'${positional}) ${a}${i + 1}`;
    prev = `${a}${i + 1}.v`;
  });
  if (!expand || (scope.element && ref.path.length === 0)) return { from, value: prev };
  const x = `j${scope.depth}x`;
  from += ` CROSS JOIN LATERAL (SELECT ${prev} AS v UNION ALL SELECT ${x}e.v FROM ${arrayElements(prev)} AS ${x}e(v)) ${x}`;
  return { from, value: `${x}.v` };
}

/** Whether any value reached matches `predicate`. */
function any(reached: Reached, predicate: string): string {
  return `EXISTS (SELECT 1 FROM ${reached.from} WHERE ${predicate})`;
}

/**
 * Compiles a comparison on a json field or path with MongoDB's meaning (path rules of FilterNode): it matches when
 * any value reached matches; range and pattern operators only match values of the operand's JSON type (strings
 * compared bytewise, COLLATE "C"). `ne` and `nin` are `NOT` of `eq` and `in`.
 */
export function compileJsonCmp(node: Cmp, params: SqlParams, scope: JsonScope): string {
  const v = node.value;
  const values = (expand: boolean) => reach(node.ref, scope, params, expand);
  switch (node.op) {
    case 'eq':
    case 'ne': {
      const c = values(true);
      const sql = any(c, v === null ? isNullish(c.value) : `${c.value} = ${jsonParam(v, params)}`);
      return node.op === 'eq' ? sql : `NOT ${sql}`;
    }
    case 'in':
    case 'nin': {
      const { values: list, hasNull } = splitList(v);
      if (list.length === 0 && !hasNull) return node.op === 'in' ? 'FALSE' : 'TRUE';
      const c = values(true);
      const parts = [...(list.length ? [`${c.value} IN (${list.map((e) => jsonParam(e, params)).join(', ')})`] : []), ...(hasNull ? [isNullish(c.value)] : [])];
      const sql = any(c, parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
      return node.op === 'in' ? sql : `NOT ${sql}`;
    }
    case 'exists': {
      // The deliberate difference: a json field itself is a declared top-level field, where null is absent.
      if (node.ref.path.length === 0 && scope.root === undefined) {
        const c = quoteIdent(node.ref.field.column);
        return v ? `NOT ${isNullish(c)}` : isNullish(c);
      }
      const c = values(false);
      const sql = any(c, `${c.value} IS NOT NULL`);
      return v ? sql : `NOT ${sql}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sqlOp = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[node.op];
      const c = values(true);
      if (typeof v === 'string') return any(c, `(${jsonType(c.value)} = 'string' AND ${jsonText(c.value)} COLLATE "C" ${sqlOp} ${params.add(v)}::text)`);
      const type = typeof v === 'number' ? 'number' : 'boolean';
      return any(c, `(${jsonType(c.value)} = '${type}' AND ${c.value} ${sqlOp} ${jsonParam(v, params)})`);
    }
    case 'like':
    case 'ilike':
    case 'regex': {
      const c = values(true);
      const match =
        node.op === 'like'
          ? `LIKE ${params.add(v)}::text`
          : `~ ${params.add(node.op === 'ilike' ? postgresIlike(v as string) : postgresRegex(v as RegexValue))}::text`;
      return any(c, `(${jsonType(c.value)} = 'string' AND ${jsonText(c.value)} COLLATE "C" ${match})`);
    }
    case 'size': {
      const c = values(false);
      return any(c, `CASE WHEN ${jsonType(c.value)} = 'array' THEN jsonb_array_length(${c.value}) = ${params.add(v)}::int ELSE FALSE END`);
    }
  }
}

/** Some array reached at the ref has an element (an object, for the document form) that matches the inner filter. */
export function compileElemMatch(node: ElemMatch, params: SqlParams, scope: JsonScope, compile: CompileFilter): string {
  const arrays = reach(node.ref, scope, params, false);
  const depth = scope.depth + 1;
  const e = `j${depth}el`;
  const inner = compile(node.node, params, { root: `${e}.v`, element: node.form === 'value', depth });
  const objects = node.form === 'document' ? `jsonb_typeof(${e}.v) = 'object' AND ` : '';
  return `EXISTS (SELECT 1 FROM ${arrays.from} WHERE EXISTS (SELECT 1 FROM ${arrayElements(arrays.value)} AS ${e}(v) WHERE ${objects}${wrap(inner)}))`;
}
