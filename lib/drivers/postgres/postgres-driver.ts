import type { Driver, DriverConfig } from '../driver';
import { postgresDialect } from '../postgres-dialect/pg-dialect';
import { SqlDriver } from '../sql/sql-driver';
import { PostgresClient } from './postgres-client';

/** The `postgresql` driver: postgres.js with essencia's own statement compiler. */
export function createPostgresDriver(config: DriverConfig): Driver {
  return new SqlDriver(postgresDialect, new PostgresClient(config));
}
