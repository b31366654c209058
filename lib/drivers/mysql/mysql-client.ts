import type * as mysqlType from 'mysql2';
import { ConnectionError } from '../../errors';
import { optionalRequire } from '../../util/optional-require';
import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { command, connection, end, execute } from './mysql-calls';
import { convertMysqlError } from './mysql-errors';
import { bindValues, datetimeText, positional } from './mysql-placeholders';
import type { MysqlServer } from './mysql-server';
import { transactionEnded } from '../transaction-ended';
import { ScopeCursors } from '../sql/scope-cursors';
import { SqlScope } from '../sql/sql-scope';

type Pool = mysqlType.Pool;
type PoolConnection = mysqlType.PoolConnection;
type Executes = Pick<PoolConnection, 'execute'>;
type Header = mysqlType.ResultSetHeader;

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
  transactionIsolation: true,
  savepoints: true,
  cursors: true,
  changeStreams: false,
  sqlTables: true,
};

/** Strict writes (no silent truncation), no zero dates; quoting and escapes as the dialect writes them. */
const SQL_MODE = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

function sqlResult(out: unknown): SqlResult {
  return Array.isArray(out) ? { rows: out as StoredRow[], count: out.length } : { rows: [], count: (out as Header).affectedRows };
}

/** A write's rows are its result header, for Drizzle. */
function rawResult(out: unknown): SqlResult {
  return Array.isArray(out) ? { rows: out as StoredRow[], count: out.length } : { rows: [out as StoredRow], count: (out as Header).affectedRows };
}

function run(on: Executes, text: string, params: readonly unknown[]): Promise<SqlResult> {
  const { sql, order } = positional(text);
  return execute(on, sql, bindValues(order, params), sqlResult);
}

/** A statement Drizzle wrote (plain `?` placeholders). */
function runRaw(on: Executes, text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
  const values = params.map((v) => (v instanceof Date ? datetimeText(v) : v));
  return execute(on, { sql: text, rowsAsArray: arrays }, values, rawResult);
}

/**
 * A transaction on its pooled connection, or a savepoint inside one; refuses statements once its callback, or that
 * of a scope around it, has settled.
 */
class MysqlTx extends SqlScope<MysqlTx> implements SqlExecutor {
  /** The result streams opened in this scope (they hold the connection while open). */
  readonly cursors = new ScopeCursors();
  constructor(
    readonly conn: PoolConnection,
    outer?: MysqlTx,
  ) {
    super(outer);
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return this.open ? run(this.conn, text, params) : Promise.reject(transactionEnded());
  }

  raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    return this.open ? runRaw(this.conn, text, params, arrays) : Promise.reject(transactionEnded());
  }

  /** Transaction control (SAVEPOINT, RELEASE, ...) of a scope inside this one, refused once this one has ended. */
  control(sql: string): Promise<unknown> {
    return this.open ? command(this.conn, sql) : Promise.reject(transactionEnded());
  }

  assertOpen(): void {
    if (!this.open) throw transactionEnded();
  }

  /** A savepoint's scope inside this one, and the savepoint's name (unique in the transaction). */
  nested(): { scope: MysqlTx; name: string } {
    return { scope: new MysqlTx(this.conn, this), name: this.nextSavepoint() };
  }

  /**
   * Called when the callback of this scope settled, before its COMMIT, RELEASE or ROLLBACK: later statements are
   * refused (work left running must not reach the connection once the pool may lend it again, nor land in the scope
   * around this one), and the streams it left open are closed (mysql2 reads the rest of their results and drops it),
   * which frees the connection.
   */
  override end(): Promise<void> | undefined {
    super.end();
    return this.cursors.close();
  }
}

/** Where a URL points (host:port/database), never with credentials. */
function where(url: string, databaseName: string | undefined): string {
  try {
    const u = new URL(url);
    const db = databaseName ?? (decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined);
    return `${u.hostname || 'localhost'}:${u.port || '3306'}${db ? `/${db}` : ''}`;
  } catch {
    return 'the server';
  }
}

/** mysql2 (MySQL 8, MariaDB 10.6+) behind the SqlClient seam: prepared statements (`execute`) on a pool. */
export class MysqlClient implements SqlClient {
  readonly type = 'mysql';
  readonly capabilities = CAPABILITIES;
  #pool: Pool | undefined;
  #connecting: Promise<void> | undefined;

  constructor(
    private readonly config: DriverConfig,
    private readonly server: MysqlServer,
  ) {}

  jsonParam(value: unknown): unknown {
    return JSON.stringify(value);
  }

  private get pool(): Pool {
    if (!this.#pool) {
      const mysql = optionalRequire<typeof mysqlType>('mysql2', 'The mysql driver', 'mysql2 drizzle-orm');
      const o = this.config.options;
      this.#pool = mysql.createPool({
        uri: this.config.url.replace(/^mariadb:/i, 'mysql:'),
        ...(this.config.databaseName ? { database: this.config.databaseName } : {}),
        connectionLimit: (o.poolSize as number | undefined) ?? 10,
        connectTimeout: (o.connectTimeoutMs as number | undefined) ?? 10_000,
        ...(o.idleTimeoutMs !== undefined ? { idleTimeout: o.idleTimeoutMs as number } : {}),
        ...(o.ssl !== undefined ? { ssl: o.ssl as never } : {}),
        charset: 'UTF8MB4_BIN',
        timezone: 'Z',
        dateStrings: true,
        jsonStrings: true,
        supportBigNumbers: true,
        decimalNumbers: false,
        // affectedRows counts the rows an UPDATE matched, as PostgreSQL and MongoDB do, not only those it changed.
        flags: ['FOUND_ROWS'],
        ...((o.driverOptions ?? {}) as Record<string, unknown>),
      });
      const timeout = o.statementTimeoutMs;
      this.#pool.on('connection', (conn) => {
        // Fire and forget: the connection runs its statements in order, so these precede any query on it.
        const c = conn as unknown as { query(sql: string, cb: (error: unknown) => void): void };
        c.query(`SET SESSION sql_mode = '${SQL_MODE}', time_zone = '+00:00'`, () => undefined);
        if (typeof timeout === 'number') {
          // MariaDB's variable is in seconds; MySQL 8 has max_execution_time (ms, SELECT only) instead.
          c.query(`SET SESSION max_statement_time = ${Math.max(0.001, timeout / 1000)}`, (error) => {
            if (error) c.query(`SET SESSION max_execution_time = ${Math.max(1, Math.round(timeout))}`, () => undefined);
          });
        }
      });
    }
    return this.#pool;
  }

  connect(): Promise<void> {
    this.#connecting ??= command(this.pool, 'SELECT VERSION() AS v').then(
      (rows) => this.server.learn(String((rows as { v: unknown }[])[0]?.v)),
      async (error: unknown) => {
        const pool = this.#pool;
        this.#pool = undefined;
        this.#connecting = undefined;
        await end(pool).catch(() => undefined);
        const converted = convertMysqlError(error);
        const reason = converted instanceof ConnectionError && (error as { errno?: number }).errno === 1049 ? converted.message : ((error as { code?: string }).code ?? (error as Error).message);
        throw new ConnectionError(`cannot connect to MySQL at ${where(this.config.url, this.config.databaseName)}: ${reason}`, { cause: error });
      },
    );
    return this.#connecting;
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.pool, text, params);
  }

  raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    return runRaw(this.pool, text, params, arrays);
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#connecting = undefined;
    await end(pool);
  }

  async begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const conn = await connection(this.pool);
    const tx = new MysqlTx(conn);
    let broken = false;
    try {
      await command(conn, 'START TRANSACTION');
      let result: R;
      try {
        result = await fn(tx);
      } finally {
        await tx.end();
      }
      await command(conn, 'COMMIT');
      return result;
    } catch (error) {
      await command(conn, 'ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      if (broken) conn.destroy();
      else conn.release();
    }
  }

  async savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const tx = parent as MysqlTx;
    const { scope, name } = tx.nested();
    await tx.control(`SAVEPOINT ${name}`);
    try {
      let result: R;
      try {
        result = await fn(scope);
      } finally {
        await scope.end();
      }
      await tx.control(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      if (tx.open) await tx.control(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * Streams the result set with backpressure: the server sends rows as the caller takes them (mysql2 has no
   * server-side cursors), so memory stays bounded by `batchSize`. Outside a transaction it holds a connection of
   * its own, destroyed if the caller stops early (the rest of the result is not read). Inside one it holds the
   * transaction's connection: closed with its scope if still open then.
   */
  cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]> {
    const tx = on as MysqlTx | undefined;
    if (!tx) return this.#cursor(undefined, text, params, batchSize);
    return tx.cursors.track(this.#cursor(tx, text, params, batchSize), () => tx.assertOpen());
  }

  async *#cursor(tx: MysqlTx | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncGenerator<StoredRow[]> {
    tx?.assertOpen();
    const conn = tx ? tx.conn : await connection(this.pool);
    const { sql, order } = positional(text);
    const stream = conn.query(sql, bindValues(order, params)).stream({ highWaterMark: batchSize }) as unknown as AsyncIterable<StoredRow>;
    let done = false;
    try {
      let batch: StoredRow[] = [];
      // Left early, the loop destroys the stream: mysql2 then reads the rest of the result and drops it, so the
      // transaction's next statement comes after it.
      for await (const row of stream) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      done = true;
    } finally {
      if (!tx) {
        if (done) conn.release();
        else conn.destroy();
      }
    }
  }
}
