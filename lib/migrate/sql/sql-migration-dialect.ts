import type { SqlClient, SqlExecutor } from '../../drivers/sql/sql-client';
import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { SchemaShape } from '../schema';

/**
 * What varies between SQL dialects for migrations: how the live schema is read, how the lock is taken, how types
 * and names are written. The shared SQL backend (`sql-backend.ts`) does the rest.
 */
export interface SqlMigrationDialect {
  /** DDL is transactional: one transaction per file, a failing file leaves nothing. */
  readonly transactionalDdl: boolean;
  /** Column types and nullability can change in place (default true; false: such steps are left out, with why). */
  readonly alterColumns?: boolean;
  /** Tables, columns (types as `columnType` writes them, normalised) and indexes of the current schema. */
  introspect(executor: SqlExecutor): Promise<SchemaShape>;
  /** Runs `fn` holding the migration lock; with transactional DDL, inside the transaction `fn` must use. */
  withLock<R>(client: SqlClient, fn: (executor: SqlExecutor | undefined) => Promise<R>): Promise<R>;
  quote(name: string): string;
  /** How this server spells a field's column type, as `introspect` reports it (read once: it may depend on the server's version). */
  columnTypes(executor: SqlExecutor): Promise<(meta: ModelMeta, field: FieldMeta) => string>;
  /** The statement that changes a column's type (keeping its nullability), in this dialect. */
  alterColumnType(table: string, column: string, type: string, nullable: boolean): string;
  setNullable(table: string, column: string, nullable: boolean, type: string): string;
  dropIndex(table: string, index: string): string;
  /** Indexes list their columns `NULLS FIRST` (PostgreSQL: the null order essencia sorts by, see pg-index-column.ts). */
  readonly indexNullsFirst?: boolean;
}
