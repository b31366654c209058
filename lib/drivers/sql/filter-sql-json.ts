import type { FilterNode, RegexValue } from '../../query/filter-ast';
import { quoteIdent } from './quote';
import type { SqlParams } from './sql-params';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;

/** SQL expressions reading a json field or a path into it; path keys are always parameters. */
export interface JsonAccess {
  /** The jsonb value (SQL NULL when absent). */
  readonly value: string;
  /** The value as text (`#>>`), for string comparisons. */
  readonly text: string;
}

/**
 * Expressions for a json field (`"col"`) or a path into it (`("col" #> $n::text[])`).
 *
 * @example
 * jsonAccess('"address"', ['city'], params); // { value: '("address" #> $1::text[])', text: '("address" #>> $1::text[])' }
 */
export function jsonAccess(column: string, path: readonly string[], params: SqlParams): JsonAccess {
  if (path.length === 0) return { value: column, text: `(${column} #>> '{}')` };
  const p = params.add([...path]);
  return { value: `(${column} #> ${p}::text[])`, text: `(${column} #>> ${p}::text[])` };
}

/** Splits an $in / $nin list into its non-null values and whether it holds a null. */
export function splitList(value: unknown): { values: unknown[]; hasNull: boolean } {
  const list = value as unknown[];
  return { values: list.filter((v) => v !== null), hasNull: list.includes(null) };
}

/**
 * Compiles a comparison on a json field or path with MongoDB's meaning: a JSON null counts as null, range and
 * pattern operators only match values of the operand's JSON type (strings compared bytewise, COLLATE "C").
 */
export function compileJsonCmp(node: Cmp, params: SqlParams): string {
  const { field, path } = node.ref;
  // Decided before any parameter is added: a statement must use every parameter it sends.
  if ((node.op === 'in' || node.op === 'nin') && (node.value as unknown[]).length === 0) return node.op === 'in' ? 'FALSE' : 'TRUE';
  const { value: x, text: t } = jsonAccess(quoteIdent(field.column), path, params);
  const isNullish = `(${x} IS NULL OR ${x} = 'null'::jsonb)`;
  const notNullish = `(${x} IS NOT NULL AND ${x} <> 'null'::jsonb)`;
  const ifType = (type: string, expr: string): string => `CASE WHEN jsonb_typeof(${x}) = '${type}' THEN ${expr} ELSE FALSE END`;
  const v = node.value;
  switch (node.op) {
    case 'eq':
      return v === null ? isNullish : `(${x} IS NOT NULL AND ${x} = ${params.json(v)})`;
    case 'ne':
      return v === null ? notNullish : `${x} IS DISTINCT FROM ${params.json(v)}`;
    case 'in':
    case 'nin': {
      const { values, hasNull } = splitList(v);
      const parts = [
        ...(values.length ? [`(${x} IS NOT NULL AND ${x} IN (${values.map((e) => params.json(e)).join(', ')}))`] : []),
        ...(hasNull ? [isNullish] : []),
      ];
      const inSql = parts.length === 0 ? 'FALSE' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
      if (node.op === 'in') return inSql;
      return parts.length === 0 ? 'TRUE' : `NOT ${inSql}`;
    }
    case 'exists':
      if (path.length === 0) return v ? notNullish : isNullish;
      return v ? `${x} IS NOT NULL` : `${x} IS NULL`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sqlOp = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[node.op];
      if (typeof v === 'string') return ifType('string', `${t} COLLATE "C" ${sqlOp} ${params.add(v)}::text`);
      const type = typeof v === 'number' ? 'number' : 'boolean';
      return ifType(type, `${x} ${sqlOp} ${params.json(v)}`);
    }
    case 'like':
      return ifType('string', `${t} COLLATE "C" LIKE ${params.add(v)}::text`);
    case 'ilike':
      return ifType('string', `${t} COLLATE "C" ILIKE ${params.add(v)}::text`);
    case 'regex': {
      const re = v as RegexValue;
      return ifType('string', `${t} COLLATE "C" ${re.ignoreCase ? '~*' : '~'} ${params.add(re.source)}::text`);
    }
  }
}
