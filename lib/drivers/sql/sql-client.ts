import type { DriverCapabilities, StoredRow } from '../driver';

/** Rows and the number of rows a statement affected. */
export interface SqlResult {
  readonly rows: StoredRow[];
  readonly count: number;
}

/** Runs one parameterised statement; a pool, a transaction or a savepoint. */
export interface SqlExecutor {
  /**
   * Runs a statement. A client in process (SQLite) that can run it at once returns the result itself (a promise more
   * per statement would cost as much as the statement); a failure is always a rejected promise, never a throw.
   */
  query(text: string, params: readonly unknown[]): SqlResult | Promise<SqlResult>;
  /**
   * Runs a statement written by Drizzle (the client's own placeholders), for `db.drizzle`. With `arrays`, each row
   * is an array in select-list order (joins may repeat a column name); else rows as the client gives them (for a
   * MySQL write: its result header, with `affectedRows` and `insertId`).
   */
  raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult>;
}

/**
 * What a PostgreSQL-dialect client (postgres.js, PGlite) provides to the shared SQL driver.
 * The only differences between the clients live behind this interface.
 */
export interface SqlClient extends SqlExecutor {
  readonly type: string;
  readonly capabilities: DriverCapabilities;
  /** How a value bound to a jsonb parameter must be passed to this client. */
  jsonParam(value: unknown): unknown;
  connect(): Promise<void>;
  close(): Promise<void>;
  begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R>;
  savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R>;
  /** Reads a query's rows `batchSize` at a time on a server-side cursor. */
  cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]>;
}
