import { optionalRequire } from '../../util/optional-require';
import type { DrizzleRun } from '../sql/dialect';

type MysqlProxy = typeof import('drizzle-orm/mysql-proxy');

/** A Drizzle MySQL database (the mysql-proxy driver) whose statements go through `run`. */
export function mysqlDrizzle(run: DrizzleRun): unknown {
  const { drizzle } = optionalRequire<MysqlProxy>('drizzle-orm/mysql-proxy', 'db.drizzle', 'drizzle-orm');
  return drizzle(async (sql, params, method) => ({ rows: (await run(sql, params, method === 'all')).rows }));
}
