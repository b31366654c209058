import type postgresType from 'postgres';

type Sql = postgresType.Sql<Record<string, never>>;
export type ReservedSql = postgresType.ReservedSql<Record<string, never>>;

/** Tells the reservations waiting on a pool that one of its connections closed (the pool's `onclose` option). */
export class PoolCloses {
  readonly #listeners = new Set<() => void>();

  readonly notify = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };

  /** Calls `listener` on every close until the returned function is called. */
  listen(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}

/**
 * A connection of one's own from the pool, with `sql.reserve()`. postgres.js 3.4.9 can strand a waiting reservation:
 * when a pooled connection closes, index.js `onclose` hands the first waiting request to that connection's reconnect,
 * which drops a reservation instead of granting it, so `reserve()` never settles. Hence every close while waiting asks
 * again; the first answer wins and a reservation granted later is released unused (it was granted in the same turn,
 * so its connection is open and idle for us).
 */
export function reserveConnection(sql: Sql, closes: PoolCloses): Promise<ReservedSql> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      const first = !settled;
      settled = true;
      stop();
      return first;
    };
    const ask = (): void => {
      sql.reserve().then(
        (reserved) => (settle() ? resolve(reserved) : reserved.release()),
        (error: unknown) => settle() && reject(error),
      );
    };
    const stop = closes.listen(ask);
    ask();
  });
}
