import type { SortSpec } from '../../query/filter-ast';
import type { SqlParams } from '../sql/sql-params';
import { jsonPathValue } from './mysql-json-filter';
import { quoteMysqlIdent } from './mysql-quote';

/**
 * ORDER BY items for one sort key. MySQL already puts NULLs first ascending and last descending, as MongoDB does.
 * JSON values sort by MongoDB's type order (null < numbers < strings < objects < arrays < booleans), numbers
 * numerically, strings byte-wise; objects and arrays among themselves by their text. A plain column is qualified with
 * `table`: MySQL resolves a bare ORDER BY name to the select item of that name first, and dates are read through one
 * (mysql-select.ts), so `ORDER BY created_at LIMIT 10` would sort every row instead of reading ten off the index.
 */
export function mysqlOrderBy({ ref, direction }: SortSpec, params: SqlParams, table: string): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const column = quoteMysqlIdent(ref.field.column);
  if (ref.path.length === 0 && ref.field.type !== 'json') return `${table}.${column} ${dir}`;
  const x = jsonPathValue(column, ref.path, params);
  const keys = [
    `CASE WHEN JSON_TYPE(${x}) IN ('INTEGER', 'DOUBLE', 'DECIMAL', 'UNSIGNED INTEGER') THEN 1 WHEN JSON_TYPE(${x}) = 'STRING' THEN 2 WHEN JSON_TYPE(${x}) = 'OBJECT' THEN 3 WHEN JSON_TYPE(${x}) = 'ARRAY' THEN 4 WHEN JSON_TYPE(${x}) = 'BOOLEAN' THEN 5 ELSE 0 END`,
    `CASE WHEN JSON_TYPE(${x}) IN ('INTEGER', 'DOUBLE', 'DECIMAL', 'UNSIGNED INTEGER') THEN JSON_UNQUOTE(${x}) + 0 END`,
    `CASE WHEN JSON_TYPE(${x}) = 'STRING' THEN CAST(JSON_UNQUOTE(${x}) AS BINARY) END`,
    `CASE WHEN JSON_TYPE(${x}) IN ('BOOLEAN', 'OBJECT', 'ARRAY') THEN CAST(${x} AS BINARY) END`,
  ];
  return keys.map((k) => `${k} ${dir}`).join(', ');
}
