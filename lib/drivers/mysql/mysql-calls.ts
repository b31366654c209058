/**
 * mysql2's callback API as promises, one per call: its own promise API records a stack trace on every call (~15 µs)
 * and adds a promise layer of its own. A synchronous throw (an undefined bind value) becomes a rejection.
 */
import type * as mysqlType from 'mysql2';

type PoolConnection = mysqlType.PoolConnection;

/** One prepared statement on a pool or a connection; resolves to `shape` of its rows or its result header. */
export function execute<T>(on: Pick<PoolConnection, 'execute'>, sql: string | mysqlType.QueryOptions, values: unknown[], shape: (result: unknown) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    on.execute(sql as mysqlType.QueryOptions, values as mysqlType.ExecuteValues, (error: unknown, result: unknown) => (error ? reject(error) : resolve(shape(result))));
  });
}

/** A statement without parameters (transaction control) in the text protocol; resolves to its rows or header. */
export function command(on: Pick<PoolConnection, 'query'>, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    on.query(sql, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result)));
  });
}

/** A connection of the pool's, for a transaction or a cursor. */
export function connection(pool: mysqlType.Pool): Promise<PoolConnection> {
  return new Promise((resolve, reject) => {
    pool.getConnection((error, conn) => (error ? reject(error) : resolve(conn)));
  });
}

/** Closes the pool's connections (nothing to do without a pool). */
export function end(pool: mysqlType.Pool | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!pool) resolve();
    else pool.end((error: unknown) => (error ? reject(error) : resolve()));
  });
}
