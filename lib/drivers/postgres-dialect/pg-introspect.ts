import type { SchemaShape } from '../../migrate/schema';
import { schemaFromCatalog } from '../../migrate/sql/catalog-schema';
import type { SqlExecutor } from '../sql/sql-client';

const COLUMNS = `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type,
  a.attnotnull AS not_null, CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname END AS collation_name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

const INDEXES = `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, a.attname AS column_name, k.ord AS ord,
  (ix.indoption[(k.ord - 1)::int] & 2) <> 0 AS nulls_first
FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE n.nspname = current_schema() AND NOT ix.indisprimary
ORDER BY t.relname, i.relname, k.ord`;

const ALIASES: Record<string, string> = {
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  decimal: 'numeric',
  varchar: 'character varying',
  char: 'character',
};

/**
 * A PostgreSQL type as `format_type` writes it: `timestamptz` → `timestamp with time zone`, `varchar(20)` →
 * `character varying(20)`; a collation stays as `COLLATE "C"`.
 */
export function normalizePgType(type: string): string {
  const match = /^\s*([a-z0-9_ ]+?)\s*(\([^)]*\))?\s*(\[\])?\s*(collate\s+"?([^"]+)"?)?\s*$/i.exec(type);
  if (!match) return type.trim().toLowerCase();
  const base = match[1]!.toLowerCase();
  const args = match[2]?.replace(/\s+/g, '') ?? '';
  const collation = match[5] && match[5] !== 'default' ? ` COLLATE "${match[5]}"` : '';
  return `${ALIASES[base] ?? base}${args}${match[3] ?? ''}${collation}`;
}

/** The tables, columns and indexes of the current schema (essencia's own `essencia_*` tables left out). */
export async function introspectPostgres(executor: SqlExecutor): Promise<SchemaShape> {
  const columns = (await executor.query(COLUMNS, [])).rows.map((row) => {
    const collation = row['collation_name'] ? ` COLLATE "${String(row['collation_name'])}"` : '';
    const type = normalizePgType(`${String(row['column_type'])}${collation}`);
    return { table: String(row['table_name']), column: { name: String(row['column_name']), type, nullable: row['not_null'] !== true } };
  });
  const indexColumns = (await executor.query(INDEXES, [])).rows.map((row) => ({
    table: String(row['table_name']),
    index: String(row['index_name']),
    unique: row['is_unique'] === true,
    column: String(row['column_name']),
    nullsFirst: row['nulls_first'] === true,
  }));
  return schemaFromCatalog(columns, indexColumns);
}
