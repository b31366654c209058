import type { Driver, DriverConfig } from '../driver';
import { SqlDriver } from '../sql/sql-driver';
import { MysqlClient } from './mysql-client';
import { createMysqlDialect } from './mysql-dialect';
import { MysqlServer } from './mysql-server';

/** The `mysql` driver (MySQL 8, MariaDB 10.6+): mysql2 with essencia's own statement compiler. */
export function createMysqlDriver(config: DriverConfig): Driver {
  const server = new MysqlServer();
  return new SqlDriver(createMysqlDialect(server), new MysqlClient(config, server));
}
