import { DatabaseFactory } from '../database/database-factory';
import { ConfigError } from '../errors';
import type { ModelMeta } from '../metadata/types';

/**
 * The Drizzle table of a SQL model: the hand-written one, or one built from its metadata in its database's dialect
 * (`pgTable`, `mysqlTable`, ...; cached by the driver). The database must be created first: it decides the dialect.
 */
export function sqlTableOf(meta: ModelMeta): unknown {
  if (meta.options.table !== undefined) return meta.options.table;
  if (!DatabaseFactory.hasDatabase(meta.database)) {
    throw new ConfigError(`${meta.name}.table: database '${meta.database}' is not created yet (its dialect decides the table's column types); call DatabaseFactory.createDatabase first`);
  }
  const driver = DatabaseFactory.getDatabase(meta.database).driver;
  if (!driver.drizzleTable) throw new ConfigError(`${meta.name} lives in ${driver.type}: it has no SQL table`);
  return driver.drizzleTable(meta);
}
