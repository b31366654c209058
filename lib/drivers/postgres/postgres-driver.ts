import type { Driver, DriverConfig } from '../driver';
import { SqlDriver } from '../sql/sql-driver';
import { PostgresClient } from './postgres-client';

/** The `postgresql` driver: postgres.js with essencia's own statement compiler. */
export function createPostgresDriver(config: DriverConfig): Driver {
  return new SqlDriver(new PostgresClient(config));
}
