import type { ColumnShape, IndexShape, SchemaShape } from '../../migrate/schema';
import type { SqlExecutor } from '../sql/sql-client';

/** A declared SQLite type as essencia compares it: upper case, spaces collapsed. */
export function normalizeSqliteType(type: string): string {
  return type.trim().replace(/\s+/g, ' ').toUpperCase();
}

/**
 * The tables (`sqlite_master`), columns (`pragma_table_info`) and indexes made with CREATE INDEX
 * (`pragma_index_list` origin 'c', `pragma_index_info`) of the database; essencia's own `essencia_*` tables left out.
 */
export async function introspectSqlite(executor: SqlExecutor): Promise<SchemaShape> {
  const schema = new Map<string, { name: string; columns: ColumnShape[]; indexes: IndexShape[] }>();
  const tables = await executor.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`, []);
  for (const { name } of tables.rows as Array<{ name: string }>) {
    if (name.startsWith('essencia_')) continue;
    const columns = (await executor.query('SELECT name, type, "notnull" AS not_null FROM pragma_table_info(?)', [name])).rows.map((c) => ({
      name: String(c['name']),
      type: normalizeSqliteType(String(c['type'])),
      nullable: Number(c['not_null']) === 0,
    }));
    const indexes: IndexShape[] = [];
    for (const index of (await executor.query('SELECT name, "unique" AS is_unique, origin FROM pragma_index_list(?)', [name])).rows) {
      if (index['origin'] !== 'c') continue;
      const cols = (await executor.query('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [index['name']])).rows.map((c) => String(c['name']));
      indexes.push({ name: String(index['name']), columns: cols, unique: Number(index['is_unique']) === 1 });
    }
    schema.set(name, { name, columns, indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)) });
  }
  return schema;
}
