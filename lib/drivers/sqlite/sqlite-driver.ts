import type { Driver, DriverConfig } from '../driver';
import { SqlDriver } from '../sql/sql-driver';
import { SqliteClient } from './sqlite-client';
import { sqliteDialect } from './sqlite-dialect';

/** The `sqlite` driver: better-sqlite3 in process, essencia's SQLite dialect. */
export function createSqliteDriver(config: DriverConfig): Driver {
  return new SqlDriver(sqliteDialect, new SqliteClient(config));
}
