import type { ModelMeta } from '../../metadata/types';
import type { Driver, DriverConfig } from '../driver';
import { postgresDialect } from '../postgres-dialect/pg-dialect';
import { SqlDriver } from '../sql/sql-driver';
import { PostgresClient } from './postgres-client';
import { distributeOnCitus } from './citus';
import { REPLICATION_LAG_SQL } from './replication-lag';

/** The SQL driver on postgres.js, plus what only a PostgreSQL server has: replication lag, Citus distribution. */
class PostgresDriver extends SqlDriver {
  constructor(private readonly postgres: PostgresClient) {
    super(postgresDialect, postgres);
  }

  /** Creates what is missing, then, on Citus, distributes the tables of models with a `shardKey`. */
  override async sync(models: readonly ModelMeta[]): Promise<void> {
    await super.sync(models);
    try {
      await distributeOnCitus(this.postgres, models);
    } catch (error) {
      throw this.convertError(error);
    }
  }

  async replicationLagMs(): Promise<number | undefined> {
    try {
      const lag = (await this.postgres.query(REPLICATION_LAG_SQL, [])).rows[0]?.lag_ms;
      return lag === null || lag === undefined ? undefined : Number(lag);
    } catch (error) {
      throw this.convertError(error);
    }
  }
}

/** The `postgresql` driver: postgres.js with essencia's own statement compiler. */
export function createPostgresDriver(config: DriverConfig): Driver {
  return new PostgresDriver(new PostgresClient(config));
}
