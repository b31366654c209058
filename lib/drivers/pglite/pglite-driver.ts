import type { Driver, DriverConfig } from '../driver';
import { SqlDriver } from '../sql/sql-driver';
import { PgliteClient } from './pglite-client';

/** The `pglite` driver: embedded PostgreSQL, the same SQL as the `postgresql` driver. */
export function createPgliteDriver(config: DriverConfig): Driver {
  return new SqlDriver(new PgliteClient(config));
}
