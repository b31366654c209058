import type { Driver, DriverConfig } from '../driver';
import { postgresDialect } from '../postgres-dialect/pg-dialect';
import { SqlDriver } from '../sql/sql-driver';
import { PgliteClient } from './pglite-client';

/** The `pglite` driver: embedded PostgreSQL, the same SQL as the `postgresql` driver. */
export function createPgliteDriver(config: DriverConfig): Driver {
  return new SqlDriver(postgresDialect, new PgliteClient(config));
}
