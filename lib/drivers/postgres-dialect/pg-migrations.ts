import type { SqlMigrationDialect } from '../../migrate/sql/sql-migration-dialect';
import { columnType } from './pg-column-types';
import { introspectPostgres, normalizePgType } from './pg-introspect';
import { quoteIdent } from './pg-quote';

/** The type without its collation, for the cast of `USING`. */
const castType = (type: string): string => type.replace(/\s+COLLATE\s+.*$/i, '');

/**
 * PostgreSQL (and PGlite): transactional DDL, a transaction-level advisory lock (released by the commit or
 * rollback of the file it guards), pg_catalog introspection.
 */
export const postgresMigrationDialect: SqlMigrationDialect = {
  transactionalDdl: true,
  introspect: introspectPostgres,
  withLock: (client, fn) =>
    client.begin(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('essencia:migrations'))`, []);
      return fn(tx);
    }),
  quote: quoteIdent,
  columnTypes: async () => (_meta, field) => normalizePgType(columnType(field)),
  alterColumnType: (table, column, type) =>
    `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(column)} TYPE ${type} USING ${quoteIdent(column)}::${castType(type)}`,
  setNullable: (table, column, nullable) =>
    `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(column)} ${nullable ? 'DROP' : 'SET'} NOT NULL`,
  dropIndex: (_table, index) => `DROP INDEX ${quoteIdent(index)}`,
  indexNullsFirst: true,
};
