import type { Database } from '../../lib';
import type { SqlExecutor } from '../../lib/drivers/sql/sql-client';
import type { Backend } from './backends';

/** A table as its database's catalog describes it. */
export interface TableShape {
  /** Column name → declared type, as the catalog spells it. */
  readonly types: Record<string, string>;
  /** Column name → whether it accepts NULL. */
  readonly nullable: Record<string, boolean>;
  /** Index names, in the catalog's order of names. */
  readonly indexes: string[];
}

/** Runs statements on a SQL database's own connection (tests only). */
export const rawSql = (db: Database): SqlExecutor => (db.driver as unknown as { client: SqlExecutor }).client;

/** Reads a table's columns and indexes from the catalog of the backend's dialect. */
export async function describeTable(backend: Backend['name'], db: Database, table: string): Promise<TableShape> {
  const sql = rawSql(db);
  if (backend === 'sqlite') {
    const { rows } = await sql.query('SELECT name, type, "notnull" AS required, pk FROM pragma_table_info(?)', [table]);
    const { rows: indexes } = await sql.query('SELECT name FROM pragma_index_list(?) ORDER BY name', [table]);
    return {
      types: Object.fromEntries(rows.map((r) => [r.name, r.type])),
      nullable: Object.fromEntries(rows.map((r) => [r.name, r.required === 0 && r.pk === 0])),
      indexes: indexes.map((r) => r.name as string),
    };
  }
  const mysql = backend === 'mariadb';
  const schema = mysql ? 'DATABASE()' : 'current_schema()';
  const { rows } = await sql.query(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '${table}' AND table_schema = ${schema}`, [],
  );
  const { rows: indexes } = await sql.query(
    mysql
      ? `SELECT DISTINCT index_name AS indexname FROM information_schema.statistics WHERE table_name = '${table}' AND table_schema = DATABASE() ORDER BY index_name`
      : `SELECT indexname FROM pg_indexes WHERE tablename = '${table}' ORDER BY indexname`,
    [],
  );
  return {
    types: Object.fromEntries(rows.map((r) => [r.column_name, r.data_type])),
    nullable: Object.fromEntries(rows.map((r) => [r.column_name, r.is_nullable === 'YES'])),
    indexes: indexes.map((r) => r.indexname as string),
  };
}
