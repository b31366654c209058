import type { PGlite as PGliteType, Transaction } from '@electric-sql/pglite';
import type { DriverCapabilities, DriverConfig, StoredRow } from '../driver';
import { ConnectionError } from '../../errors';
import type { SqlClient, SqlExecutor, SqlResult } from '../sql/sql-client';
import { parseTimestamptz } from '../sql/timestamp-text';
import { optionalRequire } from '../../util/optional-require';

const CAPABILITIES: DriverCapabilities = {
  transactions: true,
  // PGlite runs one transaction at a time; others wait, so they never see each other's writes.
  transactionIsolation: true,
  savepoints: true,
  cursors: true,
  changeStreams: false,
  sqlTables: true,
};

/** timestamptz read exactly (PGlite's own parser, `new Date(text)`, turns year 1 into 2001). */
const TIMESTAMPTZ_OID = 1184;

type Queryable = Pick<PGliteType, 'query'> | Transaction;

async function run(on: Queryable, text: string, params: readonly unknown[]): Promise<SqlResult> {
  const result = await on.query<StoredRow>(text, params as unknown[]);
  return { rows: result.rows, count: result.affectedRows ?? result.rows.length };
}

class PgliteTx implements SqlExecutor {
  #savepoints = 0;
  constructor(readonly tx: Transaction) {}
  query(text: string, params: readonly unknown[]): Promise<SqlResult> {
    return run(this.tx, text, params);
  }
  nextSavepoint(): string {
    return `essencia_sp_${++this.#savepoints}`;
  }
}

/** `pglite://memory` (in memory) or `pglite://<dir>` (data kept in that directory). */
function dataDir(url: string): string | undefined {
  const rest = url.replace(/^pglite:\/\//i, '');
  return rest === '' || rest === 'memory' ? undefined : rest;
}

let cursorCount = 0;

/** PGlite (PostgreSQL in WebAssembly, in process) behind the SqlClient seam. */
export class PgliteClient implements SqlClient {
  readonly type = 'pglite';
  readonly capabilities = CAPABILITIES;
  #db: PGliteType | undefined;
  #starting: Promise<PGliteType> | undefined;

  constructor(private readonly config: DriverConfig) {}

  jsonParam(value: unknown): unknown {
    return JSON.stringify(value);
  }

  private db(): Promise<PGliteType> {
    if (this.#db) return Promise.resolve(this.#db);
    this.#starting ??= (async () => {
      const { PGlite } = optionalRequire<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', 'The pglite driver');
      try {
        const db = await PGlite.create(dataDir(this.config.url), { relaxedDurability: true, parsers: { [TIMESTAMPTZ_OID]: parseTimestamptz } });
        this.#db = db;
        return db;
      } catch (error) {
        this.#starting = undefined;
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

  async close(): Promise<void> {
    const starting = this.#starting;
    this.#starting = undefined;
    this.#db = undefined;
    const db = await starting?.catch(() => undefined);
    if (db && !db.closed) await db.close();
  }

  async begin<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const db = await this.db();
    return db.transaction((tx) => fn(new PgliteTx(tx)));
  }

  async savepoint<R>(parent: SqlExecutor, fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const tx = parent as PgliteTx;
    const name = tx.nextSavepoint();
    await tx.query(`SAVEPOINT ${name}`, []);
    try {
      const result = await fn(tx);
      await tx.query(`RELEASE SAVEPOINT ${name}`, []);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`, []);
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
      await exec.query(`CLOSE ${name}`, []).catch(() => undefined);
    }
  }
}
