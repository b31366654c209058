import { ConfigError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import { uuid7 } from '../../util/uuid7';
import type { Driver, DriverCapabilities, StoredRow, TransactionHandle } from '../driver';
import { syncStatements } from './ddl';
import type { MigrationBackend } from '../../migrate/backend';
import { postgresMigrationDialect } from '../../migrate/postgres/pg-migration-dialect';
import { sqlMigrationBackend } from '../../migrate/sql/sql-backend';
import type { SqlClient, SqlExecutor } from './sql-client';
import { convertSqlError } from './sql-errors';
import { convertWriteError } from './write-errors';
import { ModelStatements } from './statements';

const STATEMENTS = 'sql-statements';

/**
 * The Driver of every PostgreSQL-dialect backend. It compiles the Filter AST to SQL itself (cached per
 * statement shape, prepared by the client) and delegates I/O to a {@link SqlClient}.
 */
export class SqlDriver implements Driver {
  readonly type: string;
  readonly capabilities: DriverCapabilities;

  constructor(private readonly client: SqlClient) {
    this.type = client.type;
    this.capabilities = client.capabilities;
  }

  private statements(meta: ModelMeta): ModelStatements {
    const key = `${STATEMENTS}:${this.type}`;
    let statements = meta.driverState.get(key) as ModelStatements | undefined;
    if (!statements) meta.driverState.set(key, (statements = new ModelStatements(meta, (v) => this.client.jsonParam(v))));
    return statements;
  }

  private on(tx: TransactionHandle | undefined): SqlExecutor {
    return (tx as SqlExecutor | undefined) ?? this.client;
  }

  connect(): Promise<void> {
    return this.client.connect();
  }

  migrationBackend(): MigrationBackend {
    return sqlMigrationBackend(this.client, postgresMigrationDialect);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  async ping(): Promise<void> {
    try {
      await this.client.query('select 1', []);
    } catch (error) {
      throw this.convertError(error);
    }
  }

  async sync(models: readonly ModelMeta[]): Promise<void> {
    for (const meta of models) {
      for (const { text, index } of syncStatements(meta)) {
        try {
          await this.client.query(text, []);
        } catch (error) {
          if (index?.unique && (error as { code?: string }).code === '23505') {
            throw new ConfigError(
              `sync: cannot build the unique index '${index.name}' of ${meta.name} (${index.fields.join(', ')}): existing rows hold duplicate values; remove them first`,
              { cause: error },
            );
          }
          throw this.convertError(error, meta);
        }
      }
    }
  }

  newId(): string {
    return uuid7();
  }

  isValidId(id: string): boolean {
    return id.length > 0;
  }

  async find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Promise<StoredRow[]> {
    const { text, params } = this.statements(meta).select(spec);
    return (await this.on(tx).query(text, params)).rows;
  }

  async findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Promise<StoredRow | undefined> {
    const { text, params } = this.statements(meta).findById(id, scope);
    return (await this.on(tx).query(text, params)).rows[0];
  }

  stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]> {
    const { text, params } = this.statements(meta).select(spec);
    return this.client.cursor(tx as SqlExecutor | undefined, text, params, batchSize);
  }

  async count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    const { text, params } = this.statements(meta).count(filter);
    return (await this.on(tx).query(text, params)).rows[0]!.n as number;
  }

  /** Runs a write, naming the fields of `rows` in errors the server reports without them. */
  private async write<R>(meta: ModelMeta, rows: readonly StoredRow[], work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      throw convertWriteError(error, meta, rows);
    }
  }

  async insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    if (rows.length === 0) return;
    await this.write(meta, rows, async () => {
      for (const { text, params } of this.statements(meta).insert(rows)) await this.on(tx).query(text, params);
    });
  }

  async upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    if (rows.length === 0) return;
    await this.write(meta, rows, async () => {
      for (const { text, params } of this.statements(meta).upsert(rows)) await this.on(tx).query(text, params);
    });
  }

  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    const { text, params } = this.statements(meta).updateById(id, patch);
    return this.write(meta, [patch], async () => (await this.on(tx).query(text, params)).count);
  }

  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    const { text, params } = this.statements(meta).update(filter, patch);
    return this.write(meta, [patch], async () => (await this.on(tx).query(text, params)).count);
  }

  async deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    const { text, params } = this.statements(meta).delete(filter);
    return (await this.on(tx).query(text, params)).count;
  }

  transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R> {
    return parent ? this.client.savepoint(parent as SqlExecutor, fn) : this.client.begin(fn);
  }

  convertError(error: unknown, meta?: ModelMeta): unknown {
    return convertSqlError(error, meta);
  }
}
