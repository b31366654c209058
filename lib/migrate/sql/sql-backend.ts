import type { TransactionHandle } from '../../drivers/driver';
import type { SqlClient, SqlExecutor } from '../../drivers/sql/sql-client';
import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { LiveNames, MigrationBackend } from '../backend';
import type { TableShape } from '../schema';
import type { Step } from '../steps';
import type { SqlMigrationDialect } from './sql-migration-dialect';
import { renderSql } from './sql-render';

async function countOf(executor: SqlExecutor, text: string): Promise<number> {
  const { rows } = await executor.query(text, []);
  return Number(rows[0]?.['n'] ?? 0);
}

/** The migration backend of a SQL database: the shared part, with what varies in its {@link SqlMigrationDialect}. */
export function sqlMigrationBackend(client: SqlClient, dialect: SqlMigrationDialect): MigrationBackend {
  const q = dialect.quote;
  const on = (tx: TransactionHandle | undefined): SqlExecutor => (tx as SqlExecutor | undefined) ?? client;
  let columnType: ((meta: ModelMeta, field: FieldMeta) => string) | undefined;
  return {
    transactionalDdl: dialect.transactionalDdl,
    validators: false,
    async introspect() {
      columnType ??= await dialect.columnTypes(client);
      return dialect.introspect(client);
    },
    desiredTable(meta: ModelMeta): TableShape {
      if (!columnType) throw new Error('migrations: introspect() reads how the server spells types before desiredTable()');
      const typeOf = columnType;
      return {
        name: meta.collection,
        columns: meta.fields.map((f) => ({ name: f.column, type: typeOf(meta, f), nullable: f.isId ? false : f.nullable })),
        indexes: meta.indexes.map((i) => ({
          name: i.name,
          unique: i.unique,
          columns: i.fields.map((p) => meta.byProperty.get(p)!.column),
          ...(dialect.indexNullsFirst ? { nullsFirst: true } : {}),
        })),
      };
    },
    async countOffending(step: Step, live: LiveNames): Promise<number> {
      if (live.table === undefined) return 0;
      const table = q(live.table);
      switch (step.kind) {
        case 'setNotNull': {
          const column = live.column(step.column.name);
          return countOf(client, `SELECT count(*) AS n FROM ${table}${column ? ` WHERE ${q(column)} IS NULL` : ''}`);
        }
        case 'alterType': {
          const column = live.column(step.column.name);
          return column ? countOf(client, `SELECT count(*) AS n FROM ${table} WHERE ${q(column)} IS NOT NULL`) : 0;
        }
        case 'createIndex': {
          const columns = step.index.columns.map((c) => live.column(c));
          if (!step.index.unique || columns.some((c) => c === undefined)) return 0;
          const list = columns.map((c) => q(c!)).join(', ');
          const present = columns.map((c) => `${q(c!)} IS NOT NULL`).join(' AND ');
          return countOf(
            client,
            `SELECT coalesce(sum(k), 0) AS n FROM (SELECT count(*) AS k FROM ${table} WHERE ${present} GROUP BY ${list} HAVING count(*) > 1) AS duplicates`,
          );
        }
        default:
          return 0;
      }
    },
    unsupported(step: Step): string | undefined {
      const inPlace = step.kind === 'alterType' || step.kind === 'setNotNull' || step.kind === 'dropNotNull';
      if (inPlace && dialect.alterColumns === false) return 'this database cannot change a column in place: rebuild the table in a migration of your own';
      return undefined;
    },
    render: (steps, models) => renderSql(steps, dialect, models),
    withLock: (fn) => dialect.withLock(client, fn),
    async runStatement(text: string, tx: TransactionHandle | undefined): Promise<void> {
      await on(tx).query(text, []);
    },
    async scriptContext(tx: TransactionHandle | undefined) {
      return {
        /** Runs one SQL statement in the migration's transaction; resolves to its rows. */
        sql: async (text: string, params: readonly unknown[] = []) => (await on(tx).query(text, params)).rows,
      };
    },
  };
}
