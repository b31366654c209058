import type { SchemaShape } from '../../migrate/schema';
import { schemaFromCatalog } from '../../migrate/sql/catalog-schema';
import type { SqlExecutor } from '../sql/sql-client';

const COLUMNS = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable,
  COLLATION_NAME AS collation_name
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`;

const INDEXES = `SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

/**
 * A MySQL / MariaDB column type as essencia compares it: lower case, without display widths (`int(11)` → `int`,
 * but `tinyint(1)`, MySQL's boolean, stays), without the character set (the collation names it), `boolean` as
 * `tinyint(1)`; MariaDB's JSON (a `longtext` in the binary collation) is `json`.
 *
 * @example
 * normalizeMysqlType('VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin'); // 'varchar(255) collate utf8mb4_nopad_bin'
 */
export function normalizeMysqlType(type: string, collation?: string | null): string {
  let t = type.trim().toLowerCase().replace(/\s+character set \w+/, '');
  if (collation) t = `${t.replace(/\s+collate\s+\w+/, '')} collate ${collation.toLowerCase()}`;
  t = t.replace(/^(int|integer|bigint|smallint|mediumint)\(\d+\)/, '$1').replace(/^integer\b/, 'int');
  if (t === 'boolean' || t === 'bool') return 'tinyint(1)';
  if (t === 'longtext collate utf8mb4_bin') return 'json';
  return t;
}

/** The tables, columns and indexes of the current database (essencia's own `essencia_*` tables left out). */
export async function introspectMysql(executor: SqlExecutor): Promise<SchemaShape> {
  const columns = (await executor.query(COLUMNS, [])).rows.map((row) => {
    const collation = row['collation_name'] === null || row['collation_name'] === undefined ? null : String(row['collation_name']);
    const type = normalizeMysqlType(String(row['column_type']), collation);
    return { table: String(row['table_name']), column: { name: String(row['column_name']), type, nullable: row['is_nullable'] === 'YES' } };
  });
  const indexColumns = (await executor.query(INDEXES, [])).rows.map((row) => ({
    table: String(row['table_name']),
    index: String(row['index_name']),
    unique: Number(row['non_unique']) === 0,
    column: String(row['column_name']),
  }));
  return schemaFromCatalog(columns, indexColumns);
}
