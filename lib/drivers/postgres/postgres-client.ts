import type postgresType from 'postgres';
import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import { connectionFailed } from '../postgres-dialect/pg-connection-error';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { PoolReservations } from './pool-reservation';
import { PostgresTx } from './postgres-tx';
import { resultOf } from './reply';
import { TransactionSession } from './transaction-session';
import { parseTimestamptz, timestamptzText } from '../postgres-dialect/pg-timestamp-text';
import { optionalRequire } from '../../util/optional-require';

type Sql = postgresType.Sql<Record<string, never>>;

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
  transactionalDdl: true,
  transactionIsolation: true,
  savepoints: true,
  cursors: true,
  changeStreams: false,
  sqlTables: true,
};

/** timestamptz read exactly (postgres.js's own parser, `new Date(text)`, turns year 1 into 2001). */
const TYPES = {
  essenciaTimestamptz: {
    to: 1184,
    from: [1184],
    serialize: (value: Date | string | number) => timestamptzText(value instanceof Date ? value : new Date(value)),
    parse: parseTimestamptz,
  },
};

/**
 * Seconds before a pooled connection that failed is opened again. postgres.js's own backoff grows to 20 s after a few
 * failures (its counter is shared by the pool), so after a server restart every query waited that long; capped at 1 s,
 * queries fail fast with a ConnectionError while the server is down and work again within a second of its return.
 */
const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 1);

function seconds(ms: unknown): number | undefined {
  return typeof ms === 'number' ? Math.max(1, Math.ceil(ms / 1000)) : undefined;
}

/**
 * One statement, its reply mapped by one `then`: an async function awaiting postgres.js's query (a Promise subclass)
 * made three promises of it, each costly while async hooks are on.
 */
function run(sql: Sql, text: string, params: readonly unknown[]): Promise<SqlResult> {
  try {
    return sql.unsafe(text, params as never[], { prepare: true }).then(resultOf as never);
  } catch (error) {
    return Promise.reject(error);
  }
}


/** postgres.js behind the SqlClient seam. The driver owns its client: nobody else changes its parsers. */
export class PostgresClient implements SqlClient {
  readonly type = 'postgresql';
  readonly capabilities = CAPABILITIES;
  #pool: { sql: Sql; reservations: PoolReservations } | undefined;
  #connecting: Promise<void> | undefined;

  constructor(private readonly config: DriverConfig) {}

  /** Marked as jsonb: a bare boolean or number would otherwise be sent as SQL boolean / numeric. */
  jsonParam(value: unknown): unknown {
    return this.sql.json(value as never);
  }

  private get sql(): Sql {
    return this.#opened().sql;
  }

  /** The postgres.js pool, created on first use. */
  #opened(): { sql: Sql; reservations: PoolReservations } {
    if (!this.#pool) {
      const postgres = optionalRequire<typeof postgresType>('postgres', 'The postgresql driver', 'postgres drizzle-orm');
      const o = this.config.options;
      const driverOptions = (o.driverOptions ?? {}) as {
        connection?: Record<string, string>;
        types?: Record<string, unknown>;
        onclose?: (connectionId: number) => void;
      };
      const connection: Record<string, string> = {};
      if (o.applicationName) connection.application_name = String(o.applicationName);
      if (o.statementTimeoutMs !== undefined) connection.statement_timeout = String(o.statementTimeoutMs);
      if (o.lockTimeoutMs !== undefined) connection.lock_timeout = String(o.lockTimeoutMs);
      const reservations = new PoolReservations(() => sql);
      const sql = postgres(this.config.url, {
        max: (o.poolSize as number | undefined) ?? 10,
        connect_timeout: seconds(o.connectTimeoutMs) ?? 10,
        idle_timeout: seconds(o.idleTimeoutMs),
        ssl: o.ssl as never,
        database: this.config.databaseName,
        onnotice: () => undefined,
        backoff: reconnectBackoff,
        ...driverOptions,
        connection: { ...connection, ...driverOptions.connection },
        types: { ...TYPES, ...driverOptions.types },
        onclose: (connectionId: number) => {
          reservations.closed();
          driverOptions.onclose?.(connectionId);
        },
      }) as unknown as Sql;
      this.#pool = { sql, reservations };
    }
    return this.#pool;
  }

  connect(): Promise<void> {
    this.#connecting ??= this.sql.unsafe('select 1').then(
      () => undefined,
      async (error: unknown) => {
        const pool = this.#pool;
        this.#pool = undefined;
        this.#connecting = undefined;
        pool?.reservations.close();
        await pool?.sql.end({ timeout: 0 }).catch(() => undefined);
        throw connectionFailed('PostgreSQL', this.config.url, this.config.databaseName, error);
      },
    );
    return this.#connecting;
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.sql, text, params);
  }

  async raw(text: string, params: readonly unknown[], arrays: boolean): Promise<SqlResult> {
    const query = this.sql.unsafe(text, params as never[], { prepare: true });
    const result = arrays ? await query.values() : await query;
    return { rows: result as unknown as StoredRow[], count: result.count };
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#connecting = undefined;
    // Database.close() has already waited for the work it tracks; what is left (an open stream) gets one second.
    pool?.reservations.close();
    await pool?.sql.end({ timeout: 1 });
  }

  /**
   * Runs `fn` on a connection reserved for it, between BEGIN and COMMIT (ROLLBACK when it throws). The transaction
   * rejects as soon as its connection is lost, even while `fn` still runs (its statements are refused from then on).
   */
  async begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const session = new TransactionSession(await this.#opened().reservations.reserve());
    const handle = new PostgresTx(session);
    let result: R;
    try {
      await session.begin();
      result = await session.untilLost(fn(handle));
    } catch (error) {
      const reported = await handle.end(error);
      await session.rollback();
      throw session.lost ?? reported;
    }
    await handle.end();
    await session.commit();
    return result;
  }

  savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    return (parent as PostgresTx).savepoint(fn);
  }

  cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]> {
    const tx = on as PostgresTx | undefined;
    if (!tx) return this.#cursor(undefined, text, params, batchSize);
    return tx.cursors.track(this.#cursor(tx, text, params, batchSize), () => tx.assertOpen());
  }

  async *#cursor(tx: PostgresTx | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncGenerator<StoredRow[]> {
    const sql = tx ? tx.sql : this.sql;
    for await (const rows of sql.unsafe(text, params as never[], { prepare: true }).cursor(batchSize)) {
      yield rows as unknown as StoredRow[];
    }
  }
}
