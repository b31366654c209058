import { ConfigError, UniqueConstraintError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import { uuid7 } from '../../util/uuid7';
import type { Answer, Driver, DriverCapabilities, DrizzleStatementRan, StoredRow, TransactionHandle } from '../driver';
import type { MigrationBackend } from '../../migrate/backend';
import { sqlMigrationBackend } from '../../migrate/sql/sql-backend';
import type { SqlDialect } from './dialect';
import type { SqlClient, SqlExecutor, SqlResult } from './sql-client';
import { ModelStatements, type Statement } from './statements';

const nothing = (): void => undefined;
const countOf = (result: SqlResult): number => result.count;

/**
 * The Driver of every SQL backend: a {@link SqlDialect} (what the SQL looks like) and a {@link SqlClient} (how it
 * reaches the server). It compiles the Filter AST to SQL itself (cached per statement shape, prepared by the
 * client). Statement texts and Drizzle tables are cached per driver, never per model alone: a database name can be
 * created again with another backend, and one model's rows can be moved between two databases.
 */
export class SqlDriver implements Driver {
  readonly type: string;
  readonly capabilities: DriverCapabilities;
  readonly #statements = new WeakMap<ModelMeta, ModelStatements>();
  readonly #tables = new WeakMap<ModelMeta, unknown>();

  constructor(
    readonly dialect: SqlDialect,
    private readonly client: SqlClient,
  ) {
    this.type = client.type;
    this.capabilities = client.capabilities;
  }

  private statements(meta: ModelMeta): ModelStatements {
    let statements = this.#statements.get(meta);
    if (!statements) this.#statements.set(meta, (statements = new ModelStatements(meta, this.dialect, (v) => this.client.jsonParam(v))));
    return statements;
  }

  private on(tx: TransactionHandle | undefined): SqlExecutor {
    return (tx as SqlExecutor | undefined) ?? this.client;
  }

  connect(): Promise<void> {
    return this.client.connect();
  }

  migrationBackend(): MigrationBackend | undefined {
    return this.dialect.migrations && sqlMigrationBackend(this.client, this.dialect.migrations);
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
      const introspect = async (text: string, params: readonly unknown[]) => this.client.query(text, params);
      let statements;
      try {
        statements = await this.dialect.syncStatements(meta, introspect);
      } catch (error) {
        throw this.convertError(error, meta);
      }
      for (const { text, index } of statements) {
        try {
          await this.client.query(text, []);
        } catch (error) {
          const converted = this.convertError(error, meta);
          if (index?.unique && converted instanceof UniqueConstraintError) {
            throw new ConfigError(
              `sync: cannot build the unique index '${index.name}' of ${meta.name} (${index.fields.join(', ')}) on ${this.dialect.name}: existing rows hold duplicate values; remove them first`,
              { cause: error },
            );
          }
          throw converted;
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

  /**
   * Runs one statement and maps its result: one derived promise, or the result itself when the client answered at
   * once; a statement that cannot be built is a rejected promise.
   */
  private read<R>(tx: TransactionHandle | undefined, build: () => Statement, pick: (result: SqlResult) => R): Answer<R> {
    try {
      const { text, params } = build();
      const result = this.on(tx).query(text, params);
      return result instanceof Promise ? result.then(pick) : pick(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Answer<StoredRow[]> {
    return this.read(tx, () => this.statements(meta).select(spec), (r) => this.dialect.decodeRows(spec.fields ?? meta.fields, r.rows));
  }

  findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Answer<StoredRow | undefined> {
    return this.read(tx, () => this.statements(meta).findById(id, scope), (r) => this.dialect.decodeRows(meta.fields, r.rows)[0]);
  }

  stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]> {
    const { text, params } = this.statements(meta).select(spec);
    return this.decoded(spec.fields ?? meta.fields, this.client.cursor(tx as SqlExecutor | undefined, text, params, batchSize));
  }

  private async *decoded(fields: ModelMeta['fields'], batches: AsyncIterable<StoredRow[]>): AsyncIterable<StoredRow[]> {
    for await (const rows of batches) yield this.dialect.decodeRows(fields, rows);
  }

  count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number> {
    return this.read(tx, () => this.statements(meta).count(filter), (r) => Number(r.rows[0]!.n));
  }

  /**
   * Runs the write statements `build` makes, naming the fields of `rows` in errors the server reports without them.
   * The usual single statement is one derived promise (its result itself when the client answered at once),
   * without an async wrapper (each promise is costly while async hooks are on); `pick` takes what the caller returns
   * from its result.
   */
  private write<R>(meta: ModelMeta, rows: readonly StoredRow[], tx: TransactionHandle | undefined, build: () => Statement[], pick: (result: SqlResult) => R): Answer<R> {
    const converted = (error: unknown): never => {
      throw this.dialect.convertWriteError(error, meta, rows);
    };
    try {
      const statements = build();
      if (statements.length !== 1) return this.writeAll(tx, statements, pick).catch(converted);
      const { text, params } = statements[0]!;
      const result = this.on(tx).query(text, params);
      return result instanceof Promise ? result.then(pick, converted) : pick(result);
    } catch (error) {
      return Promise.reject(this.dialect.convertWriteError(error, meta, rows));
    }
  }

  private async writeAll<R>(tx: TransactionHandle | undefined, statements: readonly Statement[], pick: (result: SqlResult) => R): Promise<R> {
    let last!: SqlResult;
    for (const { text, params } of statements) last = await this.on(tx).query(text, params);
    return pick(last);
  }

  insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write(meta, rows, tx, () => this.statements(meta).insert(rows), nothing);
  }

  upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write(meta, rows, tx, () => this.statements(meta).upsert(rows), nothing);
  }

  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Answer<number> {
    return this.write(meta, [patch], tx, () => [this.statements(meta).updateById(id, patch)], countOf);
  }

  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Answer<number> {
    return this.write(meta, [patch], tx, () => [this.statements(meta).update(filter, patch)], countOf);
  }

  deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number> {
    return this.read(tx, () => this.statements(meta).delete(filter), countOf);
  }

  transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R> {
    return parent ? this.client.savepoint(parent as SqlExecutor, fn) : this.client.begin(fn);
  }

  drizzleTable(meta: ModelMeta): unknown {
    let table = this.#tables.get(meta);
    if (table === undefined) this.#tables.set(meta, (table = this.dialect.drizzleTable(meta)));
    return table;
  }

  drizzle(current: () => Promise<TransactionHandle | undefined>, ran?: DrizzleStatementRan): unknown {
    return this.dialect.drizzle(async (text, params, arrays) => {
      const tx = await current();
      let result: SqlResult;
      try {
        result = await this.on(tx).raw(text, params, arrays);
      } catch (error) {
        throw this.dialect.convertError(error);
      }
      await ran?.(text, tx);
      return result;
    });
  }

  convertError(error: unknown, meta?: ModelMeta): unknown {
    return this.dialect.convertError(error, meta);
  }
}
