import { ConnectionError, TransactionError } from '../../errors';
import type { SqlResult } from '../sql/sql-client';
import { convertSqlError } from '../postgres-dialect/pg-errors';
import type { ReservedSql } from './pool-reservation';
import { transactionEnded } from '../transaction-ended';
import { resultOf } from './reply';

/** The members of a postgres.js 3.x connection object (connection.js) used here; index.js `onclose` calls `onclose`. */
interface PoolConnection {
  onclose?: ((error: unknown) => void) | null;
  terminate(): void;
}

type Reply = Awaited<ReturnType<ReservedSql['unsafe']>>;

const isConnectionFailure = (error: unknown): boolean => convertSqlError(error) instanceof ConnectionError;

/**
 * One transaction on a connection reserved from the pool: its statements, its end, and the loss of its connection.
 *
 * Not `sql.begin`: it reserves its connection in BEGIN's `onexecute` hook, which connection.js `execute()` skips when
 * BEGIN fills the pipeline or meets socket backpressure; BEGIN then runs on a connection the pool still hands out
 * (UNSAFE_TRANSACTION, or other callers' statements inside an open transaction). `sql.reserve()` reserves first.
 *
 * The connection's loss must be known at once: after a socket close, index.js `onclose(c, e)` may reconnect the same
 * connection for another caller, so a statement sent later on the reserved handle would run outside the transaction
 * (or be written to a null socket from a timer: an uncaught TypeError), and `release()` would put a connection the
 * pool already took back into it a second time. `onclose` calls `c.onclose(e)` first, which `sql.begin` uses; the
 * connection object comes from the `onexecute` hook of BEGIN. The hook fires when a statement without parameters is
 * written to an idle connection, but a waiting `reserve()` may be granted a connection after index.js `onopen` wrote
 * other callers' statements to it, and BEGIN then joins their pipeline; so a probe follows the answer to BEGIN.
 */
export class TransactionSession {
  #connection: PoolConnection | undefined;
  #lost: ConnectionError | undefined;
  #returned = false;
  /** The failed statement that aborted the transaction (cleared by a rollback to a savepoint), for a COMMIT that rolls back. */
  #failure: unknown;
  readonly #waiting = new Set<(error: unknown) => void>();
  readonly #control = { onexecute: (connection: PoolConnection) => this.#watch(connection) };
  savepoints = 0;

  constructor(readonly sql: ReservedSql) {}

  /** The ConnectionError that ended this transaction when its connection was lost. */
  get lost(): ConnectionError | undefined {
    return this.#lost;
  }

  async begin(): Promise<void> {
    await this.#send('BEGIN');
    if (!this.#connection) await this.#send('SELECT 1');
    if (!this.#connection) throw new TransactionError('postgres.js did not show which connection the transaction is on, so its loss could not be noticed');
  }

  /** Runs a statement of the transaction (a chain, not an async function: two promises fewer per statement). */
  run(text: string, params: readonly unknown[], arrays = false): Promise<SqlResult> {
    try {
      this.#assertUsable();
      const query = this.sql.unsafe(text, params as never[], { prepare: true });
      return this.untilLost(arrays ? query.values() : query, resultOf as (reply: Reply) => SqlResult, this.#failed);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Notes a failed statement: the loss of the connection, or the failure that aborted the transaction. */
  readonly #failed = (error: unknown): void => {
    if (isConnectionFailure(error)) this.#lose(error);
    else this.#failure ??= error;
  };

  /** Called after a rollback to a savepoint: the transaction goes on. */
  recovered(): void {
    this.#failure = undefined;
  }

  /**
   * `work` (its value made `map` of it, its failure noted by `failed`), or the ConnectionError as soon as the
   * connection is lost: postgres.js never settles a statement still queued on a reserved connection that closed.
   */
  untilLost<T, R = T>(work: PromiseLike<T>, map?: (value: T) => R, failed?: (error: unknown) => void): Promise<R> {
    if (this.#lost) return Promise.reject(this.#lost);
    return new Promise<R>((resolve, reject) => {
      this.#waiting.add(reject);
      work.then(
        (value) => {
          this.#waiting.delete(reject);
          resolve(map ? map(value) : (value as unknown as R));
        },
        (error: unknown) => {
          this.#waiting.delete(reject);
          failed?.(error);
          reject(error);
        },
      );
    });
  }

  /**
   * COMMIT, then the connection goes back to the pool. A COMMIT the server answers with ROLLBACK (a statement had
   * failed) throws that statement's error.
   */
  async commit(): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.#send('COMMIT');
    } catch (error) {
      await this.rollback();
      throw this.#lost ?? error;
    }
    this.#giveBack();
    if (reply.command === 'ROLLBACK') {
      throw this.#failure ?? new TransactionError('the server rolled the transaction back at COMMIT: a statement in it had failed');
    }
  }

  /**
   * ROLLBACK, then the connection goes back to the pool; if even ROLLBACK failed, its state is unknown and it is closed
   * instead (kept out of the pool when postgres.js never showed it). Never throws.
   */
  async rollback(): Promise<void> {
    if (this.#lost || this.#returned) return;
    try {
      await this.#send('ROLLBACK');
    } catch {
      if (this.#lost) return;
      this.#returned = true;
      this.#connection?.terminate();
      return;
    }
    this.#giveBack();
  }

  async #send(text: string): Promise<Reply> {
    this.#assertUsable();
    try {
      return await this.untilLost(this.sql.unsafe(text, [], this.#control as never));
    } catch (error) {
      if (isConnectionFailure(error)) this.#lose(error);
      throw error;
    }
  }

  /** A statement of a nested scope the callback did not wait for may come after the end: the connection is no longer ours. */
  #assertUsable(): void {
    if (this.#lost) throw this.#lost;
    if (this.#returned) throw transactionEnded();
  }

  #watch(connection: PoolConnection): true {
    if (!this.#connection) {
      this.#connection = connection;
      connection.onclose = this.#closed;
    }
    return true;
  }

  readonly #closed = (error: unknown): void => this.#lose(error);

  #lose(cause: unknown): void {
    if (this.#lost || this.#returned) return;
    const code = (cause as { code?: string } | undefined)?.code ?? 'closed';
    this.#lost = new ConnectionError(
      `the connection was lost inside a transaction (${code}): it was rolled back, or, if this happened during COMMIT, its outcome is unknown`,
      { cause },
    );
    for (const reject of this.#waiting) reject(this.#lost);
    this.#waiting.clear();
  }

  /**
   * Called in the turn the server answered COMMIT or ROLLBACK: the connection, outside a transaction, cannot have closed
   * since (closes come in later turns), so the pool may have it again.
   */
  #giveBack(): void {
    this.#returned = true;
    if (this.#connection?.onclose === this.#closed) this.#connection.onclose = null;
    this.sql.release();
  }
}
