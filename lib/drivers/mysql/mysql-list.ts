import type { FieldMeta } from '../../metadata/types';
import type { SqlParams } from '../sql/sql-params';
import { datetimeText } from './mysql-placeholders';
import type { MysqlServer } from './mysql-server';

/** Lists longer than this travel as one JSON parameter: a statement binds at most 65535 values. */
export const LONGEST_INLINE_LIST = 1000;

function columnType(field: FieldMeta, server: MysqlServer): string {
  switch (field.type) {
    case 'string':
      return `VARCHAR(16383) CHARACTER SET utf8mb4 COLLATE ${server.collation}`;
    case 'int':
      return 'BIGINT';
    case 'date':
      return 'DATETIME(3)';
    case 'decimal':
      return 'DECIMAL(65,30)';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'DOUBLE';
  }
}

/**
 * `c IN (…)` / `c NOT IN (…)` for non-null values: up to {@link LONGEST_INLINE_LIST} placeholders, beyond that
 * the list as one JSON array read by JSON_TABLE as the column's type (so the statement's text stays the same).
 */
export function mysqlInList(c: string, field: FieldMeta, values: readonly unknown[], params: SqlParams, negate: boolean, server: MysqlServer): string {
  const op = negate ? 'NOT IN' : 'IN';
  if (values.length <= LONGEST_INLINE_LIST) return `${c} ${op} (${values.map((v) => params.add(v)).join(', ')})`;
  const list = JSON.stringify(values.map((v) => (v instanceof Date ? datetimeText(v) : v)));
  return `${c} ${op} (SELECT v FROM JSON_TABLE(${params.add(list)}, '$[*]' COLUMNS (v ${columnType(field, server)} PATH '$')) AS l)`;
}
