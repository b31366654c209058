import type { FieldMeta } from '../../metadata/types';
import type { SqlDialect } from '../sql/dialect';
import type { SqlParams } from '../sql/sql-params';
import { arrayType } from './pg-column-types';
import { pgSyncStatements } from './pg-ddl';
import { pgDrizzle } from './pg-drizzle';
import { drizzleTable } from './pg-drizzle-table';
import { convertSqlError } from './pg-errors';
import { compilePgElemMatch, compilePgJsonCmp } from './pg-json-filter';
import { postgresMigrationDialect } from './pg-migrations';
import { pgOrderBy } from './pg-order-by';
import { quoteIdent } from './pg-quote';
import { postgresIlike, postgresRegex } from './pg-regex';
import { pgRowsInsert } from './pg-rows-insert';
import { decodePgRows, pgSelectItem } from './pg-select';
import { convertWriteError } from './pg-write-errors';
import { timestamptzText } from './pg-timestamp-text';

/**
 * A list as one array parameter, cast to the column's array type. postgres.js declares an array of Dates as a
 * single timestamptz, so dates travel as ISO text and the cast converts them back.
 */
function listParam(field: FieldMeta, values: readonly unknown[], params: SqlParams): string {
  const bound = values.map((v) => (v instanceof Date ? timestamptzText(v) : v));
  return `${params.add(bound)}::${arrayType(field)}`;
}

/**
 * PostgreSQL, spoken by postgres.js and PGlite alike: `$n` placeholders, text `COLLATE "C"`, jsonb, lists as one
 * array parameter (`= ANY($1)`), so that a statement's text does not depend on the length of its lists.
 */
export const postgresDialect: SqlDialect = {
  name: 'PostgreSQL',
  maxParams: 65535,
  placeholder: (n) => `$${n}`,
  quoteIdent,
  distinctFrom: (c, p) => `${c} IS DISTINCT FROM ${p}`,
  /**
   * `= ANY(list)` / `<> ALL(list)`. Booleans (two values at most) become scalar parameters: postgres.js would
   * declare a boolean array as one boolean, and its boolean serializer takes no text.
   */
  inList(c, field, values, params, negate) {
    if (field.type === 'boolean') {
      const placeholders = [...new Set(values)].map((v) => params.add(v)).join(', ');
      return `${c} ${negate ? 'NOT IN' : 'IN'} (${placeholders})`;
    }
    return negate ? `${c} <> ALL(${listParam(field, values, params)})` : `${c} = ANY(${listParam(field, values, params)})`;
  },
  like: (c, pattern, params) => `${c} LIKE ${params.add(pattern)}`,
  ilike: (c, pattern, params) => `${c} ~ ${params.add(postgresIlike(pattern))}`,
  regex: (c, re, params) => `${c} ~ ${params.add(postgresRegex(re))}`,
  jsonCmp: compilePgJsonCmp,
  elemMatch: compilePgElemMatch,
  orderBy: pgOrderBy,
  limitOffset(limit, offset, params) {
    return `${limit !== undefined ? ` LIMIT ${params.add(limit)}` : ''}${offset ? ` OFFSET ${params.add(offset)}` : ''}`;
  },
  countAll: 'count(*)::int',
  rowsInsert: pgRowsInsert,
  upsertSuffix(idColumn, columns) {
    const others = columns.filter((c) => c !== idColumn).map((c) => `${c} = EXCLUDED.${c}`);
    return ` ON CONFLICT (${idColumn}) ${others.length > 0 ? `DO UPDATE SET ${others.join(', ')}` : 'DO NOTHING'}`;
  },
  syncStatements: async (meta) => pgSyncStatements(meta),
  migrations: postgresMigrationDialect,
  selectItem: pgSelectItem,
  decodeRows: decodePgRows,
  convertError: convertSqlError,
  convertWriteError,
  drizzleTable,
  drizzle: pgDrizzle,
};
