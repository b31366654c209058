import type { FilterNode, RegexValue } from '../../query/filter-ast';
import type { CompileFilter, JsonScope } from '../sql/dialect';
import { compileJsonCmp, compileJsonElemMatch, type JsonSql } from '../sql/json-filter';
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
function arrayElements(x: string): string {
  return `jsonb_array_elements(CASE WHEN ${jsonType(x)} = 'array' THEN ${x} ELSE '[]'::jsonb END)`;
}

/** The values a json ref reaches, as a FROM clause and the expression of one value (SQL NULL: absent). */
interface Reached {
  readonly from: string;
  readonly value: string;
}

/** The values a ref reaches (the rules are JsonSql.reach's), as lateral subqueries over jsonb. */
function reach(ref: Cmp['ref'], scope: JsonScope, params: SqlParams, expand: boolean): Reached {
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

/** PostgreSQL's json primitives: jsonb values, strings compared bytewise (COLLATE "C"). */
const PG_JSON: JsonSql<Reached> = {
  reach,
  valueOf: (reached) => reached.value,
  any: (reached, predicate) => `EXISTS (SELECT 1 FROM ${reached.from} WHERE ${predicate})`,
  column: quoteIdent,
  isNullish,
  equalsAny: (x, values, params) =>
    values.length === 1 ? `${x} = ${jsonParam(values[0], params)}` : `${x} IN (${values.map((e) => jsonParam(e, params)).join(', ')})`,
  compare: (x, op, v, params) =>
    typeof v === 'string'
      ? `(${jsonType(x)} = 'string' AND ${jsonText(x)} COLLATE "C" ${op} ${params.add(v)}::text)`
      : `(${jsonType(x)} = '${typeof v === 'number' ? 'number' : 'boolean'}' AND ${x} ${op} ${jsonParam(v, params)})`,
  match: (x, op, v, params) => {
    const pattern =
      op === 'like' ? `LIKE ${params.add(v)}::text` : `~ ${params.add(op === 'ilike' ? postgresIlike(v as string) : postgresRegex(v as RegexValue))}::text`;
    return `(${jsonType(x)} = 'string' AND ${jsonText(x)} COLLATE "C" ${pattern})`;
  },
  hasSize: (x, n, params) => `CASE WHEN ${jsonType(x)} = 'array' THEN jsonb_array_length(${x}) = ${params.add(n)}::int ELSE FALSE END`,
  elements: (x, alias) => ({ from: `${arrayElements(x)} AS ${alias}(v)`, element: `${alias}.v` }),
  isObject: (x) => `${jsonType(x)} = 'object'`,
};

/** A comparison on a json field or path, with MongoDB's meaning (see compileJsonCmp). */
export const compilePgJsonCmp = (node: Cmp, params: SqlParams, scope: JsonScope): string => compileJsonCmp(PG_JSON, node, params, scope);

/** `$elemMatch` on a json field or path (see compileJsonElemMatch). */
export const compilePgElemMatch = (node: ElemMatch, params: SqlParams, scope: JsonScope, compile: CompileFilter): string =>
  compileJsonElemMatch(PG_JSON, node, params, scope, compile);
