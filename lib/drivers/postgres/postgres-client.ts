import type postgresType from 'postgres';
import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import { connectionFailed } from '../sql/connection-error';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { parseTimestamptz } from '../sql/timestamp-text';
import { optionalRequire } from '../../util/optional-require';

type Sql = postgresType.Sql<Record<string, never>>;
type TxSql = postgresType.TransactionSql<Record<string, never>>;

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
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
    serialize: (value: Date | string | number) => (value instanceof Date ? value : new Date(value)).toISOString(),
    parse: parseTimestamptz,
  },
};

function seconds(ms: unknown): number | undefined {
  return typeof ms === 'number' ? Math.max(1, Math.ceil(ms / 1000)) : undefined;
}

async function run(sql: Sql | TxSql, text: string, params: readonly unknown[]): Promise<SqlResult> {
  const result = await sql.unsafe(text, params as never[], { prepare: true });
  return { rows: result as unknown as StoredRow[], count: result.count };
}

/** A postgres.js statement runner bound to a transaction or savepoint. */
class PostgresTx implements SqlExecutor {
  constructor(readonly sql: TxSql) {}
  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.sql, text, params);
  }
}

/** postgres.js behind the SqlClient seam. The driver owns its client: nobody else changes its parsers. */
export class PostgresClient implements SqlClient {
  readonly type = 'postgresql';
  readonly capabilities = CAPABILITIES;
  #sql: Sql | undefined;
  #connecting: Promise<void> | undefined;

  constructor(private readonly config: DriverConfig) {}

  /** Marked as jsonb: a bare boolean or number would otherwise be sent as SQL boolean / numeric. */
  jsonParam(value: unknown): unknown {
    return this.sql.json(value as never);
  }

  private get sql(): Sql {
    if (!this.#sql) {
      const postgres = optionalRequire<typeof postgresType>('postgres', 'The postgresql driver', 'postgres drizzle-orm');
      const o = this.config.options;
      const driverOptions = (o.driverOptions ?? {}) as { connection?: Record<string, string>; types?: Record<string, unknown> };
      const connection: Record<string, string> = {};
      if (o.applicationName) connection.application_name = String(o.applicationName);
      if (o.statementTimeoutMs !== undefined) connection.statement_timeout = String(o.statementTimeoutMs);
      this.#sql = postgres(this.config.url, {
        max: (o.poolSize as number | undefined) ?? 10,
        connect_timeout: seconds(o.connectTimeoutMs) ?? 10,
        idle_timeout: seconds(o.idleTimeoutMs),
        ssl: o.ssl as never,
        database: this.config.databaseName,
        onnotice: () => undefined,
        ...driverOptions,
        connection: { ...connection, ...driverOptions.connection },
        types: { ...TYPES, ...driverOptions.types },
      }) as unknown as Sql;
    }
    return this.#sql;
  }

  connect(): Promise<void> {
    this.#connecting ??= this.sql.unsafe('select 1').then(
      () => undefined,
      async (error: unknown) => {
        const sql = this.#sql;
        this.#sql = undefined;
        this.#connecting = undefined;
        await sql?.end({ timeout: 0 }).catch(() => undefined);
        throw connectionFailed('PostgreSQL', this.config.url, this.config.databaseName, error);
      },
    );
    return this.#connecting;
  }

  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.sql, text, params);
  }

  async close(): Promise<void> {
    const sql = this.#sql;
    this.#sql = undefined;
    this.#connecting = undefined;
    await sql?.end({ timeout: 5 });
  }

  begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    return this.sql.begin((tx) => fn(new PostgresTx(tx))) as Promise<R>;
  }

  savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    return (parent as PostgresTx).sql.savepoint((sp) => fn(new PostgresTx(sp))) as Promise<R>;
  }

  async *cursor(on: SqlExecutor | undefined, text: string, params: readonly unknown[], batchSize: number): AsyncIterable<StoredRow[]> {
    const sql = on ? (on as PostgresTx).sql : this.sql;
    for await (const rows of sql.unsafe(text, params as never[], { prepare: true }).cursor(batchSize)) {
      yield rows as unknown as StoredRow[];
    }
  }
}
