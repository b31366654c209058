import type { FilterNode, RegexValue } from '../../query/filter-ast';
import type { CompileFilter, JsonScope } from '../sql/dialect';
import { splitList, wrap } from '../sql/filter-sql';
import type { SqlParams } from '../sql/sql-params';
import { quoteMysqlIdent } from './mysql-quote';
import { mysqlIlike, mysqlRegex } from './mysql-regex';
import type { MysqlServer } from './mysql-server';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type ElemMatch = Extract<FilterNode, { kind: 'elemMatch' }>;

// Values are JSON text (MariaDB stores JSON as text), or SQL NULL when absent. Every test is guarded by JSON type.
const NUMBER = `('INTEGER', 'DOUBLE', 'DECIMAL', 'UNSIGNED INTEGER')`;
const isArray = (x: string): string => `COALESCE(JSON_TYPE(${x}) = 'ARRAY', FALSE)`;
const isNullish = (x: string): string => `(${x} IS NULL OR JSON_TYPE(${x}) = 'NULL')`;
/** A string value's text, for comparisons: bytes, so that they are byte-wise and keep trailing spaces. */
const bytes = (x: string): string => `CAST(JSON_UNQUOTE(${x}) AS BINARY)`;
/** A string value's text in a binary (case-sensitive, character-wise) collation, for LIKE and REGEXP. */
const text = (x: string): string => `CONVERT(JSON_UNQUOTE(${x}) USING utf8mb4) COLLATE utf8mb4_bin`;
const key = (x: string, params: SqlParams, k: string): string => `JSON_EXTRACT(${x}, CONCAT('$.', JSON_QUOTE(${params.add(k)})))`;
const elements = (list: string, alias: string): string => `JSON_TABLE(${list}, '$[*]' COLUMNS (o FOR ORDINALITY, e JSON PATH '$')) AS ${alias}`;
const twoRows = (alias: string): string => `(SELECT 0 AS w UNION ALL SELECT 1) AS ${alias}`;

/** The values a json ref reaches: FROM items, the conditions joining them, and the expression of one value. */
interface Reached {
  readonly from: string[];
  readonly where: string[];
  readonly value: string;
}

/**
 * The values a path reaches under MongoDB's rules (see FilterNode), as PostgreSQL's dialect computes them, with
 * JSON_TABLE (MariaDB 10.6+, MySQL 8) for the lateral rows: an object step takes the key (NULL when absent, or
 * when the value is a scalar or null), an array step takes the key of each element that is an object, an
 * all-digits key also takes that position of an array. With `expand`, an array reached at the end offers itself
 * and each of its elements.
 */
function reach(ref: Cmp['ref'], scope: JsonScope, params: SqlParams, expand: boolean): Reached {
  const a = `j${scope.depth}s`;
  let prev = scope.root ?? quoteMysqlIdent(ref.field.column);
  const from: string[] = [];
  const where: string[] = [];
  ref.path.forEach((k, i) => {
    const s = `${a}${i + 1}`;
    const list = `CASE WHEN ${isArray(prev)} THEN ${prev} ELSE CONCAT('[', COALESCE(${prev}, 'null'), ']') END`;
    const objectStep = `(NOT ${isArray(prev)} OR JSON_TYPE(${s}.e) = 'OBJECT')`;
    if (/^\d{1,9}$/.test(k)) {
      from.push(twoRows(`${s}w`), elements(list, s));
      where.push(`((${s}w.w = 0 AND ${objectStep}) OR (${s}w.w = 1 AND ${isArray(prev)} AND ${s}.o = ${Number(k) + 1}))`);
      prev = `CASE WHEN ${s}w.w = 1 THEN ${s}.e WHEN JSON_TYPE(${s}.e) = 'OBJECT' THEN ${key(`${s}.e`, params, k)} END`;
    } else {
      from.push(elements(list, s));
      where.push(objectStep);
      prev = `CASE WHEN JSON_TYPE(${s}.e) = 'OBJECT' THEN ${key(`${s}.e`, params, k)} END`;
    }
  });
  if (!expand || (scope.element && ref.path.length === 0)) return { from, where, value: prev };
  const x = `j${scope.depth}x`;
  from.push(twoRows(`${x}w`), elements(`CASE WHEN ${x}w.w = 1 AND ${isArray(prev)} THEN ${prev} ELSE '[null]' END`, x));
  where.push(`(${x}w.w = 0 OR ${isArray(prev)})`);
  return { from, where, value: `CASE WHEN ${x}w.w = 0 THEN ${prev} ELSE ${x}.e END` };
}

/** Whether any value reached matches `predicate`. */
function any(reached: Reached, predicate: string): string {
  const from = reached.from.length ? reached.from.join(' CROSS JOIN ') : 'DUAL';
  return `EXISTS (SELECT 1 FROM ${from} WHERE ${[...reached.where, predicate].join(' AND ')})`;
}

/** A JSON boolean's text (MySQL compares a JSON value with a string as JSON, so it is cast to text first). */
const boolText = (x: string): string => `CAST(${x} AS CHAR)`;

/**
 * `x` equals a JSON value: same JSON type, strings byte-wise, numbers numerically, booleans by their text; objects
 * and arrays by their compact text on MariaDB (key order counts, as in MongoDB), as JSON values on MySQL.
 */
function equals(x: string, v: unknown, params: SqlParams, server: MysqlServer): string {
  if (v === null) return isNullish(x);
  if (typeof v === 'string') return `(JSON_TYPE(${x}) = 'STRING' AND ${bytes(x)} = CAST(${params.add(v)} AS BINARY))`;
  if (typeof v === 'number') return `(JSON_TYPE(${x}) IN ${NUMBER} AND JSON_UNQUOTE(${x}) + 0 = ${params.add(v)})`;
  if (typeof v === 'boolean') return `(JSON_TYPE(${x}) = 'BOOLEAN' AND ${boolText(x)} = '${v}')`;
  const same = server.mariadb
    ? `CAST(JSON_COMPACT(${x}) AS BINARY) = CAST(JSON_COMPACT(${params.json(v)}) AS BINARY)`
    : `CAST(${x} AS JSON) = CAST(${params.json(v)} AS JSON)`;
  return `(JSON_TYPE(${x}) IN ('OBJECT', 'ARRAY') AND ${same})`;
}

/**
 * Compiles a comparison on a json field or path with MongoDB's meaning: it matches when any value reached matches;
 * range and pattern operators only match values of the operand's JSON type. `ne` and `nin` are `NOT` of `eq`, `in`.
 */
export function compileMysqlJsonCmp(node: Cmp, params: SqlParams, scope: JsonScope, server: MysqlServer): string {
  const v = node.value;
  const values = (expand: boolean) => reach(node.ref, scope, params, expand);
  switch (node.op) {
    case 'eq':
    case 'ne': {
      const c = values(true);
      const sql = any(c, equals(c.value, v, params, server));
      return node.op === 'eq' ? sql : `NOT ${sql}`;
    }
    case 'in':
    case 'nin': {
      const { values: list, hasNull } = splitList(v);
      if (list.length === 0 && !hasNull) return node.op === 'in' ? 'FALSE' : 'TRUE';
      const c = values(true);
      const parts = [...list, ...(hasNull ? [null] : [])].map((e) => equals(c.value, e, params, server));
      const sql = any(c, parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
      return node.op === 'in' ? sql : `NOT ${sql}`;
    }
    case 'exists': {
      // The deliberate difference: a json field itself is a declared top-level field, where null is absent.
      if (node.ref.path.length === 0 && scope.root === undefined) {
        const c = quoteMysqlIdent(node.ref.field.column);
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
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[node.op];
      const c = values(true);
      const x = c.value;
      if (typeof v === 'string') return any(c, `(JSON_TYPE(${x}) = 'STRING' AND ${bytes(x)} ${op} CAST(${params.add(v)} AS BINARY))`);
      if (typeof v === 'number') return any(c, `(JSON_TYPE(${x}) IN ${NUMBER} AND JSON_UNQUOTE(${x}) + 0 ${op} ${params.add(v)})`);
      return any(c, `(JSON_TYPE(${x}) = 'BOOLEAN' AND (${boolText(x)} = 'true') ${op} ${v ? 1 : 0})`);
    }
    case 'like':
    case 'ilike':
    case 'regex': {
      const c = values(true);
      const match =
        node.op === 'like' ? `LIKE ${params.add(v)}` : `REGEXP ${params.add(node.op === 'ilike' ? mysqlIlike(v as string) : mysqlRegex(v as RegexValue))}`;
      return any(c, `(JSON_TYPE(${c.value}) = 'STRING' AND ${text(c.value)} ${match})`);
    }
    case 'size': {
      const c = values(false);
      return any(c, `(${isArray(c.value)} AND JSON_LENGTH(${c.value}) = ${params.add(v)})`);
    }
  }
}

/** Some array reached at the ref has an element (an object, for the document form) that matches the inner filter. */
export function compileMysqlElemMatch(node: ElemMatch, params: SqlParams, scope: JsonScope, compile: CompileFilter): string {
  const arrays = reach(node.ref, scope, params, false);
  const depth = scope.depth + 1;
  const e = `j${depth}el`;
  const list = `CASE WHEN ${isArray(arrays.value)} THEN ${arrays.value} ELSE '[]' END`;
  const inner = compile(node.node, params, { root: `${e}.e`, element: node.form === 'value', depth });
  const objects = node.form === 'document' ? `JSON_TYPE(${e}.e) = 'OBJECT' AND ` : '';
  return any(arrays, `EXISTS (SELECT 1 FROM ${elements(list, e)} WHERE ${objects}${wrap(inner)})`);
}

/**
 * The value at a plain path into a json column, as sorting reads it (PostgreSQL's `#>`): each key of an object, or
 * for an all-digits key the position in an array; no traversal of arrays.
 */
export function jsonPathValue(column: string, path: readonly string[], params: SqlParams): string {
  return path.reduce((x, k) => {
    const byKey = key(x, params, k);
    return /^\d{1,9}$/.test(k) ? `CASE WHEN ${isArray(x)} THEN JSON_EXTRACT(${x}, '$[${Number(k)}]') ELSE ${byKey} END` : byKey;
  }, column);
}
