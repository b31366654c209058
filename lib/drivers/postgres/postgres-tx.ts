import type postgresType from 'postgres';
import { ConnectionError, TransactionError } from '../../errors';
import type { StoredRow } from '../driver';
import type { SqlExecutor, SqlResult } from '../sql/sql-client';
import { convertSqlError } from '../postgres-dialect/pg-errors';

type TxSql = postgresType.TransactionSql<Record<string, never>>;

/** Shared by a transaction and its savepoints: once the connection is lost, every one of them is finished. */
interface TxState {
  ended?: unknown;
  savepoints: number;
}

/**
 * A postgres.js statement runner bound to a transaction or savepoint, which refuses work once that is over.
 * postgres.js, given a query on a transaction whose connection was lost, never settles it and throws an uncaught
 * TypeError from its socket code; so the first connection failure, or the end of the transaction, closes the handle
 * and later statements reject at once with the error that ended it.
 */
export class PostgresTx implements SqlExecutor {
  #ended: unknown;

  constructor(
    readonly sql: TxSql,
    private readonly state: TxState = { savepoints: 0 },
  ) {}

  /** Whether the connection of this transaction was lost. */
  get lost(): boolean {
    return this.state.ended !== undefined;
  }

  /**
   * Runs `fn` in a savepoint, with statements sent through this class (so that a lost connection refuses them, rather
   * than postgres.js's own savepoint scope writing `ROLLBACK TO` on a closed socket).
   */
  async savepoint<R>(fn: (tx: PostgresTx) => Promise<R>): Promise<R> {
    const name = `essencia_sp_${++this.state.savepoints}`;
    await this.query(`SAVEPOINT ${name}`, []);
    const inner = new PostgresTx(this.sql, this.state);
    try {
      const result = await fn(inner);
      await this.query(`RELEASE SAVEPOINT ${name}`, []);
      inner.finish();
      return result;
    } catch (error) {
      const reported = inner.finish(error);
      if (!this.lost) await this.query(`ROLLBACK TO SAVEPOINT ${name}`, []);
      throw this.lost ? this.state.ended : reported;
    }
  }

  /** Throws the error that finished this handle, if any. */
  assertOpen(): void {
    const ended = this.state.ended ?? this.#ended;
    if (ended !== undefined) throw ended;
  }

  async query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    this.assertOpen();
    try {
      const result = await this.sql.unsafe(text, params as never[], { prepare: true });
      return { rows: result as unknown as StoredRow[], count: result.count };
    } catch (error) {
      this.#noteFailure(error);
      throw error;
    }
  }

  async raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    this.assertOpen();
    try {
      const query = this.sql.unsafe(text, params as never[], { prepare: true });
      const result = arrays ? await query.values() : await query;
      return { rows: result as unknown as StoredRow[], count: result.count };
    } catch (error) {
      this.#noteFailure(error);
      throw error;
    }
  }

  /**
   * Called when the transaction or savepoint settled: later statements on this handle are refused. Returns the
   * error to report for `error` (the ConnectionError that says what a lost connection means, for a client one).
   */
  finish(error?: unknown): unknown {
    const lost = this.#noteFailure(error);
    this.#ended ??= new TransactionError('this transaction has already ended: a statement was sent after its callback settled');
    return lost ? this.state.ended : error;
  }

  /** Whether `error` is a lost connection; the first one closes every handle of the transaction. */
  #noteFailure(error: unknown): boolean {
    if (error === undefined || !(convertSqlError(error) instanceof ConnectionError)) return false;
    this.state.ended ??= new ConnectionError(
      `the connection was lost inside a transaction (${(error as { code?: string }).code ?? 'closed'}): it was rolled back, or, if this happened during COMMIT, its outcome is unknown`,
      { cause: error },
    );
    return true;
  }
}
