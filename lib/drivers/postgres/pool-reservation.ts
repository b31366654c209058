import type postgresType from 'postgres';
import { ConnectionError } from '../../errors';

type Sql = postgresType.Sql<Record<string, never>>;
export type ReservedSql = postgresType.ReservedSql<Record<string, never>>;

interface Waiter {
  resolve(reserved: ReservedSql): void;
  reject(error: unknown): void;
}

/**
 * Connections of one's own from a postgres.js pool (`sql.reserve()`), granted in the order they were asked for.
 *
 * postgres.js 3.4.9 can strand a waiting reservation: when a pooled connection closes, index.js `onclose` hands the
 * first waiting request to that connection's reconnect, which drops a reservation instead of granting it, and its
 * `reserve()` never settles. A close strands at most one request, so each close while callers wait asks once more.
 * Requests are not tied to callers: a grant goes to the caller waiting longest, a failure fails that caller, and a
 * grant nobody waits for any more is released at once (granted in this same turn, its connection is idle for us).
 */
export class PoolReservations {
  readonly #waiting: Waiter[] = [];
  #closed = false;

  constructor(private readonly pool: () => Sql) {}

  reserve(): Promise<ReservedSql> {
    if (this.#closed) return Promise.reject(closing());
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#ask();
    });
  }

  /**
   * For the pool's `onclose` option. It runs inside index.js `onclose`, which then reconnects the closed connection
   * for a waiting request: a `reserve()` made before that would connect the same connection twice (EALREADY).
   */
  readonly closed = (): void => {
    if (this.#waiting.length > 0) queueMicrotask(() => this.#waiting.length > 0 && this.#ask());
  };

  /**
   * Before the pool ends: the callers still waiting fail, and closes no longer ask again (postgres.js's `reserve()`
   * does not check that its pool is ending, and would reconnect a connection for it).
   */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(closing());
  }

  #ask(): void {
    this.pool()
      .reserve()
      .then(
        (reserved) => {
          const waiter = this.#waiting.shift();
          if (waiter) waiter.resolve(reserved);
          else reserved.release();
        },
        (error: unknown) => this.#waiting.shift()?.reject(error),
      );
  }
}

const closing = (): ConnectionError => new ConnectionError('the database was closed while a transaction waited for a connection');
