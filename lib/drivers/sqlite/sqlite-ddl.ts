import type { FieldMeta, FieldType, ModelMeta } from '../../metadata/types';
import type { Introspect, SyncStatement } from '../sql/dialect';
import { quoteIdent } from './sqlite-quote';

/**
 * SQLite's column types (affinities). Text compares byte-wise (SQLite's default BINARY collation, as MongoDB does).
 * Booleans are 0 / 1, dates milliseconds since the epoch (they order as the instants), json values JSON text, and
 * decimals their exact text, compared and sorted through `essencia_decimal` (decimal-key.ts).
 */
const SQLITE_TYPES: Record<FieldType, string> = {
  string: 'TEXT',
  int: 'INTEGER',
  float: 'REAL',
  boolean: 'INTEGER',
  date: 'INTEGER',
  json: 'TEXT',
  decimal: 'TEXT',
};

/** The SQLite type of a field's column. */
export function sqliteColumnType(field: FieldMeta): string {
  return field.sqlType ?? SQLITE_TYPES[field.type];
}

/**
 * The statements that bring a table up to its model: create it if missing, add the columns `PRAGMA table_info` does
 * not list (nullable, so that existing rows stay valid; SQLite has no `ADD COLUMN IF NOT EXISTS`), create missing indexes.
 */
export async function sqliteSyncStatements(meta: ModelMeta, introspect: Introspect): Promise<SyncStatement[]> {
  const table = quoteIdent(meta.collection);
  const { rows } = await introspect('SELECT name FROM pragma_table_info(?)', [meta.collection]);
  const statements: SyncStatement[] = [];
  if (rows.length === 0) {
    const columns = meta.fields.map((f) => {
      const constraint = f.isId ? ' NOT NULL PRIMARY KEY' : f.nullable ? '' : ' NOT NULL';
      return `${quoteIdent(f.column)} ${sqliteColumnType(f)}${constraint}`;
    });
    statements.push({ text: `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})` });
  } else {
    const existing = new Set(rows.map((r) => r.name as string));
    for (const f of meta.fields) {
      if (!existing.has(f.column)) statements.push({ text: `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(f.column)} ${sqliteColumnType(f)}` });
    }
  }
  for (const index of meta.indexes) {
    const cols = index.fields.map((p) => quoteIdent(meta.byProperty.get(p)!.column)).join(', ');
    statements.push({ text: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(index.name)} ON ${table} (${cols})`, index });
  }
  return statements;
}
