import type { SqlDialect } from '../sql/dialect';
import { decimalKey } from './decimal-key';
import { sqliteSyncStatements } from './sqlite-ddl';
import { sqliteDrizzle } from './sqlite-drizzle';
import { sqliteDrizzleTable } from './sqlite-drizzle-table';
import { convertSqliteError } from './sqlite-errors';
import { sqliteJsonCondition, sqliteOrderBy } from './sqlite-filter';
import { quoteIdent } from './sqlite-quote';
import { decodeSqliteRows, toSqlite } from './sqlite-values';
import { jsLike, jsRegex } from './regex-js';
import { sqliteMigrationDialect } from './sqlite-migrations';
import { rowCount } from '../sql/row-count';

/** SQLite's limit on parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER of better-sqlite3's build). */
const MAX_PARAMS = 32766;

/**
 * Lists longer than this are one JSON parameter read by `json_each` (values as SQLite stores them): no statement text
 * per length, and no limit from the 32766 parameters a statement binds.
 */
const LONG_LIST = 1000;

const DECIMAL_ORDER = {
  column: (c: string) => `essencia_decimal(${c})`,
  value: (v: unknown) => (typeof v === 'string' ? (decimalKey(v) ?? null) : v),
};

/**
 * SQLite: `?` placeholders, text compared byte-wise (the BINARY collation), patterns and json conditions through
 * functions registered on the connection (sqlite-functions.ts), decimals compared through a numeric key.
 */
export const sqliteDialect: SqlDialect = {
  name: 'SQLite',
  maxParams: MAX_PARAMS,
  placeholder: () => '?',
  quoteIdent,
  comparedAs: (field) => (field.type === 'decimal' ? DECIMAL_ORDER : undefined),
  distinctFrom: (c, p) => `${c} IS NOT ${p}`,
  inList(c, _field, values, params, negate) {
    const list = values.length <= LONG_LIST
      ? values.map((v) => params.add(v)).join(', ')
      : `SELECT value FROM json_each(${params.add(JSON.stringify(values.map(toSqlite)))})`;
    return `${c} ${negate ? 'NOT IN' : 'IN'} (${list})`;
  },
  like: (c, pattern, params) => `${c} REGEXP ${params.add(jsLike(pattern, false))}`,
  ilike: (c, pattern, params) => `${c} REGEXP ${params.add(jsLike(pattern, true))}`,
  regex: (c, re, params) => `${c} REGEXP ${params.add(jsRegex(re))}`,
  jsonCmp: (node, params) => sqliteJsonCondition(node, (v) => params.add(v)),
  elemMatch: (node, params) => sqliteJsonCondition(node, (v) => params.add(v)),
  orderBy: (sort, params) => sqliteOrderBy(sort, (v) => params.add(v)),
  limitOffset(limit, offset, params) {
    if (limit === undefined && !offset) return '';
    // SQLite has no OFFSET without LIMIT; -1 is "no limit". A bound LIMIT costs about 4 µs a run more than a literal
    // one (a bound OFFSET does not): limits come from few call sites, offsets from every page, so only LIMIT is a literal.
    return ` LIMIT ${limit === undefined ? '-1' : rowCount(limit)}${offset ? ` OFFSET ${params.add(offset)}` : ''}`;
  },
  countAll: 'count(*)',
  upsertSuffix(idColumn, columns) {
    const others = columns.filter((c) => c !== idColumn).map((c) => `${c} = excluded.${c}`);
    return ` ON CONFLICT (${idColumn}) ${others.length > 0 ? `DO UPDATE SET ${others.join(', ')}` : 'DO NOTHING'}`;
  },
  syncStatements: sqliteSyncStatements,
  migrations: sqliteMigrationDialect,
  decodeRows: decodeSqliteRows,
  convertError: convertSqliteError,
  convertWriteError: convertSqliteError,
  drizzleTable: sqliteDrizzleTable,
  drizzle: sqliteDrizzle,
};
