import type { SqlClient, SqlExecutor } from '../../drivers/sql/sql-client';
import type { FieldMeta } from '../../metadata/types';
import type { SchemaShape } from '../schema';

/**
 * What varies between SQL dialects for migrations: how the live schema is read, how the lock is taken, how types
 * and names are written. The shared SQL backend (`sql-backend.ts`) does the rest.
 */
export interface SqlMigrationDialect {
  /** DDL is transactional: one transaction per file, a failing file leaves nothing. */
  readonly transactionalDdl: boolean;
  /** Tables, columns (types as `columnType` writes them, normalised) and indexes of the current schema. */
  introspect(executor: SqlExecutor): Promise<SchemaShape>;
  /** Runs `fn` holding the migration lock; with transactional DDL, inside the transaction `fn` must use. */
  withLock<R>(client: SqlClient, fn: (executor: SqlExecutor) => Promise<R>): Promise<R>;
  quote(name: string): string;
  /** The column type of a field, spelled as `introspect` reports it. */
  columnType(field: FieldMeta): string;
  /** `ALTER TABLE t ALTER COLUMN c TYPE x USING ...`, `... SET NOT NULL`, ... in this dialect. */
  alterColumnType(table: string, column: string, type: string): string;
  setNullable(table: string, column: string, nullable: boolean, type: string): string;
  dropIndex(table: string, index: string): string;
}
