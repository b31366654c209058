import { TransactionError } from '../../errors';
import type { SqlMigrationDialect } from '../../migrate/sql/sql-migration-dialect';
import { sqliteColumnType } from './sqlite-ddl';
import { introspectSqlite, normalizeSqliteType } from './sqlite-introspect';
import { quoteIdent } from './sqlite-quote';

/** How long `up` keeps trying to take the write lock that another process holds. */
const LOCK_WAIT_MS = 15 * 60_000;
const RETRY_MS = 200;

const inPlace = (): never => {
  throw new Error('SQLite cannot change a column in place');
};

/**
 * SQLite: transactional DDL, one write transaction per file (`BEGIN IMMEDIATE` takes the database's write lock, so
 * another process waits: its busy timeout, then retries here), PRAGMA introspection. Column types and nullability
 * cannot change in place (a table rebuild, written by hand).
 */
export const sqliteMigrationDialect: SqlMigrationDialect = {
  transactionalDdl: true,
  alterColumns: false,
  introspect: introspectSqlite,
  columnTypes: async () => (_meta, field) => normalizeSqliteType(sqliteColumnType(field)),
  async withLock(client, fn) {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      let entered = false;
      try {
        return await client.begin((tx) => {
          entered = true;
          return fn(tx);
        });
      } catch (error) {
        const busy = !entered && error instanceof TransactionError && error.retryable;
        if (!busy || Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  },
  quote: quoteIdent,
  alterColumnType: inPlace,
  setNullable: inPlace,
  dropIndex: (_table, index) => `DROP INDEX ${quoteIdent(index)}`,
};
