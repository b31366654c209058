import type { ModelMeta } from '../../metadata/types';
import type { Introspect, SyncStatement } from '../sql/dialect';
import { assertIndexable, mysqlColumnType } from './mysql-column-types';
import { quoteMysqlIdent as q } from './mysql-quote';
import type { MysqlServer } from './mysql-server';

/**
 * The statements that bring a table up to its model. MySQL's DDL is not transactional and lacks `IF NOT EXISTS`
 * for columns and indexes, so the table, its columns and its indexes are read from information_schema first and
 * only what is missing is created (new columns nullable, so that existing rows stay valid).
 */
export async function mysqlSyncStatements(meta: ModelMeta, introspect: Introspect, server: MysqlServer): Promise<SyncStatement[]> {
  assertIndexable(meta);
  const collation = server.collation;
  const table = q(meta.collection);
  const columns = await introspect('SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?1', [meta.collection]);
  const statements: SyncStatement[] = [];
  if (columns.rows.length === 0) {
    const defs = meta.fields.map((f) => `${q(f.column)} ${mysqlColumnType(meta, f, collation)}${f.isId || !f.nullable ? ' NOT NULL' : ''}`);
    statements.push({
      text: `CREATE TABLE ${table} (${defs.join(', ')}, PRIMARY KEY (${q(meta.id.column)})) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`,
    });
  } else {
    const present = new Set(columns.rows.map((r) => String(r.name)));
    for (const f of meta.fields) {
      if (!present.has(f.column)) statements.push({ text: `ALTER TABLE ${table} ADD COLUMN ${q(f.column)} ${mysqlColumnType(meta, f, collation)}` });
    }
  }
  const indexes = await introspect('SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?1', [
    meta.collection,
  ]);
  const existing = new Set(indexes.rows.map((r) => String(r.name)));
  for (const index of meta.indexes) {
    if (existing.has(index.name)) continue;
    const cols = index.fields.map((p) => q(meta.byProperty.get(p)!.column)).join(', ');
    statements.push({ text: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${table} (${cols})`, index });
  }
  return statements;
}
