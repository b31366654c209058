import type { Driver, DriverConfig } from '../driver';
import { SqlDriver } from '../sql/sql-driver';
import { MysqlClient } from './mysql-client';
import { mysqlDialect } from './mysql-dialect';

/** The `mysql` driver (MySQL 8, MariaDB 10.6+): mysql2 with essencia's own statement compiler. */
export function createMysqlDriver(config: DriverConfig): Driver {
  return new SqlDriver(mysqlDialect, new MysqlClient(config));
}
