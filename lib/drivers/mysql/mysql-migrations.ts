import { MigrationError } from '../../errors';
import type { SqlMigrationDialect } from '../../migrate/sql/sql-migration-dialect';
import { mysqlColumnType } from './mysql-column-types';
import { introspectMysql, normalizeMysqlType } from './mysql-introspect';
import { quoteMysqlIdent as q } from './mysql-quote';

/** Seconds `up` waits for another process's lock before giving up. */
const LOCK_WAIT_SECONDS = 900;

const modify = (table: string, column: string, type: string, nullable: boolean): string =>
  `ALTER TABLE ${q(table)} MODIFY COLUMN ${q(column)} ${type}${nullable ? ' NULL' : ' NOT NULL'}`;

/**
 * MySQL / MariaDB: DDL commits on its own, so a file runs statement by statement with the journal counting them;
 * the lock is `GET_LOCK` (named after the database), held by one connection for the whole file; information_schema
 * introspection.
 */
export const mysqlMigrationDialect: SqlMigrationDialect = {
  transactionalDdl: false,
  introspect: introspectMysql,
  columnTypes: async (executor) => {
    const version = String((await executor.query('SELECT VERSION() AS v', [])).rows[0]!['v']);
    // The NO PAD binary collation sync() gives string columns on this server.
    const collation = /mariadb/i.test(version) ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
    return (meta, field) => normalizeMysqlType(mysqlColumnType(meta, field, collation));
  },
  // The lock's connection holds nothing else (a transaction that reads nothing); the file's statements autocommit
  // on the pool, where a failure leaves the statements before it done and journaled.
  withLock: (client, fn) =>
    client.begin(async (lock) => {
      const name = `CONCAT('essencia:migrations:', DATABASE())`;
      const got = (await lock.query(`SELECT GET_LOCK(${name}, ${LOCK_WAIT_SECONDS}) AS got`, [])).rows[0]?.['got'];
      if (Number(got) !== 1) throw new MigrationError(`the migration lock is held by another process (waited ${LOCK_WAIT_SECONDS / 60} minutes)`);
      try {
        return await fn(undefined);
      } finally {
        await lock.query(`SELECT RELEASE_LOCK(${name})`, []);
      }
    }),
  quote: q,
  alterColumnType: (table, column, type, nullable) => modify(table, column, type, nullable),
  setNullable: (table, column, nullable, type) => modify(table, column, type, nullable),
  dropIndex: (table, index) => `DROP INDEX ${q(index)} ON ${q(table)}`,
};
