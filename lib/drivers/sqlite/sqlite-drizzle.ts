import { optionalRequire } from '../../util/optional-require';
import type { DrizzleRun } from '../sql/dialect';

type SqliteProxy = typeof import('drizzle-orm/sqlite-proxy');

/**
 * A Drizzle SQLite database (the sqlite-proxy driver) whose statements go through `run`: rows as arrays for `all`,
 * `values` and `get` (`get` takes the first one), nothing for `run`.
 */
export function sqliteDrizzle(run: DrizzleRun): unknown {
  const { drizzle } = optionalRequire<SqliteProxy>('drizzle-orm/sqlite-proxy', 'db.drizzle', 'drizzle-orm');
  return drizzle(async (sql, params, method) => {
    const { rows } = await run(sql, params, method !== 'run');
    return { rows: method === 'get' ? (rows[0] as unknown as unknown[]) : rows };
  });
}
