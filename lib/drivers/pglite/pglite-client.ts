import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import { ConnectionError, EssenciaError } from '../../errors';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { SqlScope } from '../sql/sql-scope';
import type { PgliteHandle, PgliteQueryable } from './pglite-protocol';
import { pgliteThread, startPglite, type PgliteThread } from './pglite-start';
import { withExactTimestamps } from './pglite-timestamps';
import { transactionEnded } from '../transaction-ended';

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
  transactionalDdl: true,
  // PGlite runs one transaction at a time; others wait, so they never see each other's writes.
  transactionIsolation: true,
  savepoints: true,
  cursors: true,
  changeStreams: false,
  sqlTables: true,
};

async function run(on: PgliteQueryable, text: string, params: readonly unknown[], arrays = false): Promise<SqlResult> {
  const result = await on.query<StoredRow>(text, params as unknown[], arrays ? { rowMode: 'array' } : undefined);
  return { rows: withExactTimestamps(result), count: result.affectedRows ?? result.rows.length };
}

/**
 * A transaction on PGlite, or a savepoint inside one (on the same PGlite transaction); refuses statements once its
 * callback, or that of a scope around it, has settled.
 */
class PgliteTx extends SqlScope<PgliteTx> implements SqlExecutor {
  constructor(
    readonly tx: PgliteQueryable,
    outer?: PgliteTx,
  ) {
    super(outer);
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return this.open ? run(this.tx, text, params) : Promise.reject(transactionEnded());
  }

  raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    return this.open ? run(this.tx, text, params, arrays) : Promise.reject(transactionEnded());
  }

  /** A savepoint's scope inside this one, and the savepoint's name (unique in the transaction). */
  nested(): { scope: PgliteTx; name: string } {
    return { scope: new PgliteTx(this.tx, this), name: this.nextSavepoint() };
  }
}

let cursorCount = 0;

/**
 * PGlite (PostgreSQL in WebAssembly, in process) behind the SqlClient seam; in this thread or in a worker
 * thread (option `thread`, see {@link PgliteThread}).
 */
export class PgliteClient implements SqlClient {
  readonly type = 'pglite';
  readonly capabilities = CAPABILITIES;
  readonly #thread: PgliteThread;
  #db: PgliteHandle | undefined;
  #starting: Promise<PgliteHandle> | undefined;

  constructor(private readonly config: DriverConfig) {
    this.#thread = pgliteThread(config.url, config.options?.thread);
  }

  jsonParam(value: unknown): unknown {
    return JSON.stringify(value);
  }

  private db(): Promise<PgliteHandle> {
    if (this.#db) return Promise.resolve(this.#db);
    this.#starting ??= (async () => {
      try {
        const db = await startPglite(this.config.url, this.#thread);
        this.#db = db;
        return db;
      } catch (error) {
        this.#starting = undefined;
        if (error instanceof EssenciaError) throw error;
        throw new ConnectionError(`cannot start PGlite at ${this.config.url}: ${(error as Error).message}`, { cause: error });
      }
    })();
    return this.#starting;
  }

  async connect(): Promise<void> {
    await this.db();
  }

  async query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.#db ?? (await this.db()), text, params);
  }

  async raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    return run(this.#db ?? (await this.db()), text, params, arrays);
  }

  async close(): Promise<void> {
    const starting = this.#starting;
    this.#starting = undefined;
    this.#db = undefined;
    const db = await starting?.catch(() => undefined);
    if (db && !db.closed) await db.close();
  }

  async begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const db = await this.db();
    return db.transaction(async (tx) => {
      const handle = new PgliteTx(tx);
      try {
        return await fn(handle);
      } finally {
        handle.end();
      }
    });
  }

  async savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const tx = parent as PgliteTx;
    const { scope, name } = tx.nested();
    await tx.query(`SAVEPOINT ${name}`, []);
    try {
      let result: R;
      try {
        result = await fn(scope);
      } finally {
        // Before RELEASE or ROLLBACK TO: work the scope left running must not land in the transaction around it.
        scope.end();
      }
      await tx.query(`RELEASE SAVEPOINT ${name}`, []);
      return result;
    } catch (error) {
      if (tx.open) await tx.query(`ROLLBACK TO SAVEPOINT ${name}`, []);
      throw error;
    }
  }

  /**
   * A `WITH HOLD` cursor outside transactions (PGlite runs one transaction at a time, so holding one open while
   * the caller iterates would block every other query); the rows wait in PGlite's memory, not in the JS heap.
   */
  async *cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]> {
    const name = `essencia_cursor_${++cursorCount}`;
    const exec: SqlExecutor = on ?? this;
    await exec.query(`DECLARE ${name} CURSOR ${on ? "" : "WITH HOLD "}FOR ${text}`, params);
    try {
      for (;;) {
        const { rows } = await exec.query(`FETCH ${batchSize} FROM ${name}`, []);
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < batchSize) return;
      }
    } finally {
      try {
        await exec.query(`CLOSE ${name}`, []);
      } catch {
        // The cursor went with a failed or closed connection.
      }
    }
  }
}
