import type { SqlDialect } from '../sql/dialect';
import { mysqlSyncStatements } from './mysql-ddl';
import { decodeMysqlRows } from './mysql-decode';
import { mysqlDrizzle } from './mysql-drizzle';
import { mysqlDrizzleTable } from './mysql-drizzle-table';
import { convertMysqlError } from './mysql-errors';
import { mysqlJsonFilter } from './mysql-json-filter';
import { mysqlInList } from './mysql-list';
import { mysqlOrderBy } from './mysql-order-by';
import { quoteMysqlIdent } from './mysql-quote';
import { mysqlIlike, mysqlRegex } from './mysql-regex';
import { mysqlMigrationDialect } from './mysql-migrations';
import type { MysqlServer } from './mysql-server';
import { mysqlSelectItem } from './mysql-select';
import { rowCount } from '../sql/row-count';

/**
 * MySQL 8 and MariaDB 10.6+: one dialect, what differs chosen from `server` (learnt when the client connects).
 * Placeholders are numbered (`?1`), and the client rewrites them to `?` in order, so the dialect may use one
 * parameter twice. Lists are `IN (?, …)`, long ones one JSON parameter; JSON through its functions and JSON_TABLE, guarded by JSON type.
 */
export function createMysqlDialect(server: MysqlServer): SqlDialect {
  return {
    name: 'MySQL',
    maxParams: 65535,
    placeholder: (n) => `?${n}`,
    quoteIdent: quoteMysqlIdent,
    distinctFrom: (c, p) => `NOT (${c} <=> ${p})`,
    inList: (c, field, values, params, negate) => mysqlInList(c, field, values, params, negate, server),
    like: (c, pattern, params) => `${c} LIKE ${params.add(pattern)}`,
    ilike: (c, pattern, params) => `${c} REGEXP ${params.add(mysqlIlike(pattern))}`,
    regex: (c, re, params) => `${c} REGEXP ${params.add(mysqlRegex(re))}`,
    ...mysqlJsonFilter(server),
    orderBy: mysqlOrderBy,
    limitOffset(limit, offset) {
      if (limit === undefined && !offset) return '';
      // MySQL has no OFFSET without LIMIT: the largest row count stands for "all". Some versions refuse a bound
      // LIMIT (a double), so both are literals.
      return ` LIMIT ${limit === undefined ? '18446744073709551615' : rowCount(limit)}${offset ? ` OFFSET ${rowCount(offset)}` : ''}`;
    },
    selectItem: mysqlSelectItem,
    countAll: 'COUNT(*)',
    upsertSuffix(idColumn, columns) {
      // MySQL 8 deprecates VALUES() here for a row alias, which MariaDB does not have.
      const [alias, value] = server.mariadb ? ['', (c: string) => `VALUES(${c})`] : [' AS essencia_new', (c: string) => `essencia_new.${c}`];
      const others = columns.filter((c) => c !== idColumn).map((c) => `${c} = ${value(c)}`);
      return `${alias} ON DUPLICATE KEY UPDATE ${others.length > 0 ? others.join(', ') : `${idColumn} = ${idColumn}`}`;
    },
    syncStatements: (meta, introspect) => mysqlSyncStatements(meta, introspect, server),
    decodeRows: decodeMysqlRows,
    convertError: convertMysqlError,
    convertWriteError: (error, meta) => convertMysqlError(error, meta),
    migrations: mysqlMigrationDialect,
    drizzleTable: mysqlDrizzleTable,
    drizzle: mysqlDrizzle,
  };
}
