import type BetterSqlite3 from 'better-sqlite3';
import { ConnectionError, EssenciaError } from '../../errors';
import { optionalRequire } from '../../util/optional-require';
import { intoThisRealm } from '../../util/this-realm';
import { rowCount } from '../sql/row-count';
import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { SqlScope } from '../sql/sql-scope';
import { convertSqliteError } from './sqlite-errors';
import { registerFunctions } from './sqlite-functions';
import { rowObjects, type RowObjects } from './sqlite-row-objects';
import { MEMORY, sqliteFile } from './sqlite-url';
import { toSqlite } from './sqlite-values';
import { transactionEnded } from '../transaction-ended';

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], StoredRow>;

/** A prepared statement; one of essencia's own that reads rows reads them as arrays, which `rowsOf` makes objects. */
interface Prepared {
  readonly statement: Statement;
  readonly rowsOf: RowObjects | undefined;
  /** Whether running it may change the schema (anything but plain writes and transaction control). */
  readonly changesSchema: boolean;
}

/** Statements that never change the schema, so never the select list of a cached `SELECT *`. */
const PLAIN_WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
  transactionalDdl: true,
  // One transaction at a time on the connection (others wait), so they never see each other's writes.
  transactionIsolation: true,
  savepoints: true,
  cursors: true,
  changeStreams: false,
  sqlTables: true,
};

/** Prepared statements kept per connection (texts are built once per statement shape, so few are live). */
const CACHED_STATEMENTS = 500;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/**
 * Up to this many scalar parameters are passed as arguments, which better-sqlite3 binds without reading each back
 * out of an array through a C++ call; more go as one array (no spread: a bulk insert binds thousands).
 */
const MAX_ARGUMENTS = 16;

/**
 * A transaction on the client's connection, or a savepoint inside one; refuses statements once its callback, or that
 * of a scope around it, has settled.
 */
class SqliteTx extends SqlScope<SqliteTx> implements SqlExecutor {
  constructor(
    private readonly client: SqliteClient,
    outer?: SqliteTx,
  ) {
    super(outer);
  }

  /** Whether the transaction this scope belongs to still holds the connection (its outermost scope is open). */
  get holdsConnection(): boolean {
    return this.outer === undefined ? !this.ended : this.outer.holdsConnection;
  }

  query(text: string, params: readonly unknown[]): SqlResult | Promise<SqlResult> {
    if (!this.open) return Promise.reject(transactionEnded());
    return this.client.runNow(text, params);
  }

  raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    if (!this.open) return Promise.reject(transactionEnded());
    return Promise.resolve(this.client.runRaw(text, params, arrays));
  }

  /** A savepoint's scope inside this one, and the savepoint's name (unique in the transaction). */
  nested(): { scope: SqliteTx; name: string } {
    return { scope: new SqliteTx(this.client, this), name: this.nextSavepoint() };
  }
}

let cursorCount = 0;

/**
 * better-sqlite3 behind the SqlClient seam: one connection, used by one transaction at a time (a transaction holds
 * it until it ends; statements outside it wait, as on PGlite). Write transactions start with `BEGIN IMMEDIATE`, so
 * the write lock is taken up front and a busy database fails at BEGIN (retryable) rather than mid-transaction.
 * File databases use WAL and a busy timeout (option `busyTimeoutMs`, default 5000).
 */
export class SqliteClient implements SqlClient {
  readonly type = 'sqlite';
  readonly capabilities = CAPABILITIES;
  #db: Database | undefined;
  readonly #statements = new Map<string, Prepared>();
  /** A transaction holds the connection. */
  #busy = false;
  /** Who waits for the connection: told when the transaction holding it ends (a promise only when someone waits). */
  #waiting: Array<() => void> = [];

  constructor(private readonly config: DriverConfig) {}

  jsonParam(value: unknown): unknown {
    return JSON.stringify(value);
  }

  private get db(): Database {
    if (!this.#db) {
      const Sqlite = optionalRequire<typeof BetterSqlite3>('better-sqlite3', 'The sqlite driver');
      const file = sqliteFile(this.config.url);
      const o = this.config.options;
      let db: Database;
      try {
        db = new Sqlite(file, (o.driverOptions ?? {}) as BetterSqlite3.Options);
      } catch (error) {
        throw new ConnectionError(`cannot open the SQLite database ${file === MEMORY ? 'in memory' : `'${file}'`}: ${(error as Error).message}`, { cause: error });
      }
      db.pragma(`busy_timeout = ${Number(o.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)}`);
      if (file !== MEMORY) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      registerFunctions(db);
      this.#db = db;
    }
    return this.#db;
  }

  async connect(): Promise<void> {
    this.db;
  }

  /** Runs one statement now (the caller holds the connection), a failure as a rejected promise (see SqlExecutor.query). */
  runNow(text: string, params: readonly unknown[]): SqlResult | Promise<SqlResult> {
    try {
      return this.run(text, params);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs one statement now (the caller holds the connection); `cache: false` for a text that will not come again. */
  run(text: string, params: readonly unknown[], cache = true): SqlResult {
    // An uncached statement is a cursor's, on its own temporary table: no cached statement reads that table.
    return this.execute(cache ? this.prepare(text, text, true) : this.#prepared(text, true, false), params);
  }

  /**
   * Runs a statement Drizzle wrote now, rows as arrays in select-list order when `arrays` (better-sqlite3's raw
   * mode, a setting of the statement: these statements are cached apart from essencia's own).
   */
  runRaw(text: string, params: readonly unknown[], arrays: boolean): SqlResult {
    const prepared = this.prepare(`${arrays ? 'arrays' : 'objects'}\u0000${text}`, text, false);
    if (prepared.statement.reader) prepared.statement.raw(arrays);
    return this.execute(prepared, params);
  }

  private execute({ statement, rowsOf, changesSchema }: Prepared, params: readonly unknown[]): SqlResult {
    const bound: unknown[] = new Array(params.length);
    let asArguments = params.length <= MAX_ARGUMENTS;
    for (let i = 0; i < params.length; i++) {
      const value = toSqlite(params[i]);
      // An object (a Buffer) goes in an array, where better-sqlite3 never takes it for named parameters.
      if (typeof value === 'object' && value !== null) asArguments = false;
      bound[i] = value;
    }
    if (statement.reader) {
      const read = asArguments ? statement.all(...bound) : statement.all(bound);
      // Only inside a VM (jest) do better-sqlite3's rows come from another realm; plain Node pays nothing. Rows made
      // by `rowsOf` are of this realm.
      const rows = rowsOf ? rowsOf(read as unknown as unknown[][]) : read instanceof Array ? read : (intoThisRealm(read) as StoredRow[]);
      return { rows, count: rows.length };
    }
    const { changes } = asArguments ? statement.run(...bound) : statement.run(bound);
    // A cached `SELECT *` takes the new select list, which its compiled `rowsOf` would not know: prepare anew.
    if (changesSchema) this.#statements.clear();
    return { rows: [], count: changes };
  }

  private prepare(key: string, text: string, rowsAsObjects: boolean): Prepared {
    let prepared = this.#statements.get(key);
    if (prepared) return prepared;
    prepared = this.#prepared(text, rowsAsObjects, true);
    if (this.#statements.size >= CACHED_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(key, prepared);
    return prepared;
  }

  /**
   * Prepares a statement; with `rowsAsObjects`, one that reads rows reads arrays made objects by a compiled function;
   * with `watchSchema`, one that may change the schema empties the cache of statements once it has run.
   */
  #prepared(text: string, rowsAsObjects: boolean, watchSchema: boolean): Prepared {
    const statement = this.db.prepare(text) as Statement;
    const rowsOf = rowsAsObjects && statement.reader ? rowObjects(statement.columns().map((c) => c.name)) : undefined;
    if (rowsOf) statement.raw(true);
    return { statement, rowsOf, changesSchema: watchSchema && !statement.reader && !PLAIN_WRITE.test(text) };
  }

  // Every wait for the connection is written out right before its use, as `while (this.#busy) await this.#free();` or
  // as `if (this.#busy) return this.#free().then(() => <the same call again>)` (which checks again): an await between
  // the check and the use would let another transaction begin in the gap.

  #free(): Promise<void> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    this.#busy = false;
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#waiting = [];
    for (const resume of waiting) resume();
  }

  /** The result at once while no transaction holds the connection; else a promise of it, once free. */
  query(text: string, params: readonly unknown[]): SqlResult | Promise<SqlResult> {
    if (this.#busy) return this.#free().then(() => this.query(text, params));
    return this.runNow(text, params);
  }

  async raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    while (this.#busy) await this.#free();
    return this.runRaw(text, params, arrays);
  }

  async close(): Promise<void> {
    while (this.#busy) await this.#free();
    const db = this.#db;
    this.#db = undefined;
    this.#statements.clear();
    db?.close();
  }

  /**
   * Runs `fn` between BEGIN IMMEDIATE and COMMIT (ROLLBACK when it fails), holding the connection until then. One
   * promise derived from `fn`'s rather than an async function and its await (each promise is costly while async
   * hooks are on, and a transaction turns them on).
   */
  begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    if (this.#busy) return this.#free().then(() => this.begin(fn));
    let db: Database;
    try {
      db = this.db;
    } catch (error) {
      return Promise.reject(error);
    }
    this.#busy = true;
    const tx = new SqliteTx(this);
    const fail = (error: unknown): never => {
      tx.end();
      throw this.#abort(db, error);
    };
    let running: Promise<R>;
    try {
      this.run('BEGIN IMMEDIATE', []);
      running = fn(tx);
    } catch (error) {
      tx.end();
      return Promise.reject(this.#abort(db, error));
    }
    return running.then((result) => {
      tx.end();
      try {
        this.run('COMMIT', []);
      } catch (error) {
        throw this.#abort(db, error);
      }
      this.#release();
      return result;
    }, fail);
  }

  /** Ends a transaction that failed: rolls back what is still open, frees the connection; returns the error to report. */
  #abort(db: Database, error: unknown): unknown {
    let reported = error;
    try {
      if (db.inTransaction) this.run('ROLLBACK', []);
    } catch (rollbackFailed) {
      reported = rollbackFailed;
    } finally {
      this.#release();
    }
    return reported instanceof EssenciaError ? reported : convertSqliteError(reported);
  }

  async savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const tx = parent as unknown as SqliteTx;
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
      await tx.query(`RELEASE ${name}`, []);
      return result;
    } catch (error) {
      // ROLLBACK TO keeps the savepoint open; RELEASE then removes it.
      if (tx.open) {
        this.run(`ROLLBACK TO ${name}`, []);
        this.run(`RELEASE ${name}`, []);
      }
      throw error;
    }
  }

  /**
   * Copies the rows into a temporary table first, then reads it `batchSize` rows at a time: better-sqlite3's own
   * iterator would keep the connection busy (no writes) until the caller finished iterating. The rows wait in
   * SQLite's temporary storage, not in the JS heap, and the stream reads the snapshot taken when it started.
   */
  async *cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]> {
    const tx = on as SqliteTx | undefined;
    const name = `essencia_cursor_${++cursorCount}`;
    // Statements on the cursor's own table are not cached: their texts never come again.
    const exec = async (sql: string, values: readonly unknown[]): Promise<SqlResult> => {
      if (tx?.open) return this.run(sql, values, false);
      if (tx) throw transactionEnded();
      while (this.#busy) await this.#free();
      return this.run(sql, values, false);
    };
    await exec(`CREATE TEMP TABLE ${name} AS ${text}`, params);
    try {
      for (let read = 0; ; ) {
        // A new table numbers its rows 1, 2, ... in the order the query produced them.
        const { rows } = await exec(`SELECT * FROM temp.${name} WHERE rowid > ? ORDER BY rowid LIMIT ${rowCount(batchSize)}`, [read]);
        if (rows.length === 0) return;
        read += rows.length;
        yield rows;
        if (rows.length < batchSize) return;
      }
    } finally {
      // The table goes in the transaction while it holds the connection, even when the stream outlived the savepoint
      // it was opened in (waiting for the connection there would wait for the transaction, which may be waiting for
      // this stream); after the transaction ended, outside any.
      const drop = `DROP TABLE IF EXISTS temp.${name}`;
      try {
        if (tx?.holdsConnection) this.run(drop, [], false);
        else if (this.#db) {
          while (this.#busy) await this.#free();
          this.run(drop, [], false);
        }
      } catch {
        // The connection was closed meanwhile: its temporary tables went with it.
      }
    }
  }
}
