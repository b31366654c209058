import type { SortSpec } from '../../query/filter-ast';
import type { SqlParams } from '../sql/sql-params';
import { jsonAccess } from './pg-json-filter';
import { quoteIdent } from './pg-quote';

/**
 * ORDER BY items for one sort key with MongoDB's order: nulls first ascending, last descending. JSON values sort by
 * MongoDB's type order (null < numbers < strings < objects < arrays < booleans), numbers numerically, strings
 * bytewise, null and missing tied. Objects and arrays among themselves follow PostgreSQL's jsonb order, not
 * MongoDB's BSON order. A plain column is qualified with `table`: a bare ORDER BY name means the select item of that
 * name first, and dates are read through one (pg-select.ts), which no index serves.
 *
 * @example
 * pgOrderBy(parseSort(meta, { appointmentDate: 'desc' })[0], params, '"appointments"');
 * // "appointments"."appointment_date" DESC NULLS LAST
 */
export function pgOrderBy({ ref, direction }: SortSpec, params: SqlParams, table: string): string {
  const suffix = direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
  const column = quoteIdent(ref.field.column);
  if (ref.path.length === 0 && ref.field.type !== 'json') return `${table}.${column} ${suffix}`;
  const { value: x, text: t } = jsonAccess(column, ref.path, params);
  const keys = [
    `CASE jsonb_typeof(${x}) WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 4 WHEN 'boolean' THEN 5 ELSE 0 END`,
    `CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x})::numeric END`,
    `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${t} COLLATE "C" END`,
    // Booleans (and, in PostgreSQL's own order, objects and arrays); nulls and missing values stay tied.
    `CASE WHEN jsonb_typeof(${x}) IN ('boolean', 'object', 'array') THEN ${x} END`,
  ];
  return keys.map((k) => `${k} ${suffix}`).join(', ');
}
