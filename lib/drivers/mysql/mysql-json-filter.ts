import type { FilterNode, RegexValue } from '../../query/filter-ast';
import type { JsonScope, SqlDialect } from '../sql/dialect';
import { compileJsonCmp, compileJsonElemMatch, type JsonSql } from '../sql/json-filter';
import type { SqlParams } from '../sql/sql-params';
import { quoteMysqlIdent } from './mysql-quote';
import { mysqlIlike, mysqlRegex } from './mysql-regex';
import type { MysqlServer } from './mysql-server';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;

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

/** The values a ref reaches (the rules are JsonSql.reach's), with JSON_TABLE (MariaDB 10.6+, MySQL 8) for the lateral rows. */
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

/** A JSON boolean's text (MySQL compares a JSON value with a string as JSON, so it is cast to text first). */
const boolText = (x: string): string => `CAST(${x} AS CHAR)`;

/**
 * `x` equals a JSON value: same JSON type, strings byte-wise, numbers numerically, booleans by their text; objects
 * and arrays by their compact text on MariaDB (key order counts, as in MongoDB), as JSON values on MySQL.
 */
function equals(x: string, v: unknown, params: SqlParams, server: MysqlServer): string {
  if (typeof v === 'string') return `(JSON_TYPE(${x}) = 'STRING' AND ${bytes(x)} = CAST(${params.add(v)} AS BINARY))`;
  if (typeof v === 'number') return `(JSON_TYPE(${x}) IN ${NUMBER} AND JSON_UNQUOTE(${x}) + 0 = ${params.add(v)})`;
  if (typeof v === 'boolean') return `(JSON_TYPE(${x}) = 'BOOLEAN' AND ${boolText(x)} = '${v}')`;
  const same = server.mariadb
    ? `CAST(JSON_COMPACT(${x}) AS BINARY) = CAST(JSON_COMPACT(${params.json(v)}) AS BINARY)`
    : `CAST(${x} AS JSON) = CAST(${params.json(v)} AS JSON)`;
  return `(JSON_TYPE(${x}) IN ('OBJECT', 'ARRAY') AND ${same})`;
}

/** MySQL's and MariaDB's json primitives: values are JSON text, rows of arrays come from JSON_TABLE. */
function mysqlJson(server: MysqlServer): JsonSql<Reached> {
  return {
    reach,
    valueOf: (reached) => reached.value,
    any: (reached, predicate) => {
      const from = reached.from.length ? reached.from.join(' CROSS JOIN ') : 'DUAL';
      return `EXISTS (SELECT 1 FROM ${from} WHERE ${[...reached.where, predicate].join(' AND ')})`;
    },
    column: quoteMysqlIdent,
    isNullish,
    equalsAny: (x, values, params) => {
      const parts = values.map((v) => equals(x, v, params, server));
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    },
    compare: (x, op, v, params) => {
      if (typeof v === 'string') return `(JSON_TYPE(${x}) = 'STRING' AND ${bytes(x)} ${op} CAST(${params.add(v)} AS BINARY))`;
      if (typeof v === 'number') return `(JSON_TYPE(${x}) IN ${NUMBER} AND JSON_UNQUOTE(${x}) + 0 ${op} ${params.add(v)})`;
      return `(JSON_TYPE(${x}) = 'BOOLEAN' AND (${boolText(x)} = 'true') ${op} ${v ? 1 : 0})`;
    },
    match: (x, op, v, params) => {
      const pattern = op === 'like' ? `LIKE ${params.add(v)}` : `REGEXP ${params.add(op === 'ilike' ? mysqlIlike(v as string) : mysqlRegex(v as RegexValue))}`;
      return `(JSON_TYPE(${x}) = 'STRING' AND ${text(x)} ${pattern})`;
    },
    hasSize: (x, n, params) => `(${isArray(x)} AND JSON_LENGTH(${x}) = ${params.add(n)})`,
    elements: (x, alias) => ({ from: elements(`CASE WHEN ${isArray(x)} THEN ${x} ELSE '[]' END`, alias), element: `${alias}.e` }),
    isObject: (x) => `JSON_TYPE(${x}) = 'OBJECT'`,
  };
}

/** The dialect's `jsonCmp` and `elemMatch` for `server` (see compileJsonCmp and compileJsonElemMatch). */
export function mysqlJsonFilter(server: MysqlServer): Pick<SqlDialect, 'jsonCmp' | 'elemMatch'> {
  const json = mysqlJson(server);
  return {
    jsonCmp: (node, params, scope) => compileJsonCmp(json, node, params, scope),
    elemMatch: (node, params, scope, compile) => compileJsonElemMatch(json, node, params, scope, compile),
  };
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
