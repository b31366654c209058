import { DatabaseFactory } from '../database/database-factory';
import { ConfigError } from '../errors';
import type { ModelMeta } from '../metadata/types';

const SQL_STATE = 'drizzle-table';

/** The Drizzle table of a SQL model: the hand-written one, or one built from its metadata (cached). */
export function sqlTableOf(meta: ModelMeta): unknown {
  if (meta.options.table !== undefined) return meta.options.table;
  if (DatabaseFactory.hasDatabase(meta.database) && DatabaseFactory.getDatabase(meta.database).type === 'mongodb') {
    throw new ConfigError(`${meta.name} lives in MongoDB: it has no SQL table`);
  }
  let table = meta.driverState.get(SQL_STATE);
  if (!table) {
    const { drizzleTable } = require('../drivers/sql/drizzle-table') as typeof import('../drivers/sql/drizzle-table');
    table = drizzleTable(meta);
    meta.driverState.set(SQL_STATE, table);
  }
  return table;
}
