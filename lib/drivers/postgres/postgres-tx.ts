import { ConnectionError } from '../../errors';
import { transactionEnded } from '../transaction-ended';
import type { SqlExecutor, SqlResult } from '../sql/sql-client';
import { ScopeCursors } from '../sql/scope-cursors';
import { convertSqlError } from '../postgres-dialect/pg-errors';
import type { ReservedSql } from './pool-reservation';
import type { TransactionSession } from './transaction-session';

/**
 * The statement runner of a transaction or savepoint, which refuses work once that is over: after the callback
 * settled, or at once for every handle of the transaction when its connection was lost (with the ConnectionError
 * that says what that means).
 */
export class PostgresTx implements SqlExecutor {
  #ended = false;
  /** The cursors opened in this scope (they hold the connection while open). */
  readonly cursors = new ScopeCursors();

  constructor(private readonly session: TransactionSession) {}

  /** The reserved connection, for a cursor inside the transaction. */
  get sql(): ReservedSql {
    this.assertOpen();
    return this.session.sql;
  }

  /** Whether the connection of this transaction was lost. */
  get lost(): boolean {
    return this.session.lost !== undefined;
  }

  /** Runs `fn` in a savepoint; a lost connection refuses the statements that would end it. */
  async savepoint<R>(fn: (tx: PostgresTx) => Promise<R>): Promise<R> {
    const name = `essencia_sp_${++this.session.savepoints}`;
    await this.query(`SAVEPOINT ${name}`, []);
    const inner = new PostgresTx(this.session);
    try {
      const result = await fn(inner);
      await inner.end();
      await this.query(`RELEASE SAVEPOINT ${name}`, []);
      return result;
    } catch (error) {
      const reported = await inner.end(error);
      if (!this.lost) {
        await this.query(`ROLLBACK TO SAVEPOINT ${name}`, []);
        this.session.recovered();
      }
      throw this.session.lost ?? reported;
    }
  }

  /** Throws the error that finished this handle, if any. */
  assertOpen(): void {
    if (this.session.lost) throw this.session.lost;
    if (this.#ended) throw transactionEnded();
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    try {
      this.assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.session.run(text, params);
  }

  async raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    this.assertOpen();
    return this.session.run(text, params, arrays);
  }

  /**
   * Called when the callback of the transaction or savepoint settled, before its COMMIT, RELEASE or ROLLBACK: later
   * statements on this handle are refused, and the cursors it left open are closed. Resolves to the error to report
   * for `error` (the ConnectionError that says what a lost connection means, for a client one); never rejects.
   */
  async end(error?: unknown): Promise<unknown> {
    this.#ended = true;
    const closing = this.cursors.close();
    // A lost connection took its cursors with it (and postgres.js would never settle their reads).
    if (closing) await this.session.untilLost(closing).catch(() => undefined);
    return error !== undefined && convertSqlError(error) instanceof ConnectionError ? (this.session.lost ?? error) : error;
  }
}
