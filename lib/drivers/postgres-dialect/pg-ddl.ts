import type { ModelMeta } from '../../metadata/types';
import type { SyncStatement } from '../sql/dialect';
import { columnType } from './pg-column-types';
import { pgIndexColumn } from './pg-index-column';
import { quoteIdent } from './pg-quote';

/**
 * The statements that bring a table up to its model: create it if missing, add missing columns (nullable, so that
 * existing rows stay valid; the model enforces required fields), create missing indexes. PostgreSQL's DDL has
 * `IF NOT EXISTS` everywhere, so nothing is introspected.
 */
export function pgSyncStatements(meta: ModelMeta): SyncStatement[] {
  const table = quoteIdent(meta.collection);
  const columns = meta.fields.map((f) => {
    const constraint = f.isId ? ' PRIMARY KEY' : f.nullable ? '' : ' NOT NULL';
    return `${quoteIdent(f.column)} ${columnType(f)}${constraint}`;
  });
  const statements: SyncStatement[] = [{ text: `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})` }];
  for (const f of meta.fields) {
    if (!f.isId) statements.push({ text: `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${quoteIdent(f.column)} ${columnType(f)}` });
  }
  for (const index of meta.indexes) {
    const cols = index.fields.map((p) => pgIndexColumn(quoteIdent(meta.byProperty.get(p)!.column))).join(', ');
    statements.push({ text: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(index.name)} ON ${table} (${cols})`, index });
  }
  return statements;
}
