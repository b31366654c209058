import { optionalRequire } from '../../util/optional-require';
import type { DrizzleRun } from '../sql/dialect';

type PgProxy = typeof import('drizzle-orm/pg-proxy');

/** A Drizzle PostgreSQL database (the pg-proxy driver) whose statements go through `run`. */
export function pgDrizzle(run: DrizzleRun): unknown {
  const { drizzle } = optionalRequire<PgProxy>('drizzle-orm/pg-proxy', 'db.drizzle', 'drizzle-orm');
  return drizzle(async (sql, params, method) => ({ rows: (await run(sql, params, method === 'all')).rows }));
}
