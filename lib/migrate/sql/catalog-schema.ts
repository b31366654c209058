import type { ColumnShape, IndexShape, SchemaShape, TableShape } from '../schema';

/** A column as a catalog query lists it. */
export interface CatalogColumn {
  readonly table: string;
  readonly column: ColumnShape;
}

/** One column of an index as a catalog query lists it; an index's columns come in key order. */
export interface CatalogIndexColumn {
  readonly table: string;
  readonly index: string;
  readonly unique: boolean;
  readonly column: string;
  /** Where the catalog tells (PostgreSQL): whether the index lists this column `NULLS FIRST`. */
  readonly nullsFirst?: boolean;
}

/**
 * The schema that a catalog's column rows and index-column rows describe; essencia's own `essencia_*` tables, and
 * indexes of tables without columns listed, are left out.
 */
export function schemaFromCatalog(columns: Iterable<CatalogColumn>, indexColumns: Iterable<CatalogIndexColumn>): SchemaShape {
  const schema = new Map<string, TableShape & { columns: ColumnShape[]; indexes: IndexShape[] }>();
  for (const { table, column } of columns) {
    if (table.startsWith('essencia_')) continue;
    const shape = schema.get(table) ?? { name: table, columns: [], indexes: [] };
    shape.columns.push(column);
    schema.set(table, shape);
  }
  const byName = new Map<string, { name: string; unique: boolean; columns: string[]; nullsFirst?: boolean }>();
  for (const { table, index, unique, column, nullsFirst } of indexColumns) {
    const indexes = schema.get(table)?.indexes;
    if (!indexes) continue;
    const key = JSON.stringify([table, index]);
    const known = byName.get(key);
    if (known) {
      known.columns.push(column);
      // The index is NULLS FIRST when every column is.
      if (known.nullsFirst !== undefined) known.nullsFirst &&= nullsFirst === true;
    } else {
      const shape = { name: index, unique, columns: [column], ...(nullsFirst === undefined ? {} : { nullsFirst }) };
      byName.set(key, shape);
      indexes.push(shape);
    }
  }
  return schema;
}
