import type { FieldMeta, ModelMeta } from '../../metadata/types';
import { optionalRequire } from '../../util/optional-require';

type SqliteCore = typeof import('drizzle-orm/sqlite-core');

/** A column as essencia stores it (see sqlite-ddl.ts): Drizzle reads and writes the same forms. */
function column(sqlite: SqliteCore, field: FieldMeta): unknown {
  const name = field.column;
  const base = (() => {
    switch (field.type) {
      case 'string':
      case 'decimal':
        return sqlite.text(name);
      case 'int':
        return sqlite.integer(name);
      case 'float':
        return sqlite.real(name);
      case 'boolean':
        return sqlite.integer(name, { mode: 'boolean' });
      case 'date':
        return sqlite.integer(name, { mode: 'timestamp_ms' });
      case 'json':
        return sqlite.text(name, { mode: 'json' });
    }
  })();
  if (field.isId) return base.primaryKey();
  return field.nullable ? base : base.notNull();
}

/** A Drizzle `sqliteTable` with the model's columns, keyed by property name, for hand-written Drizzle queries. */
export function sqliteDrizzleTable(meta: ModelMeta): unknown {
  const sqlite = optionalRequire<SqliteCore>('drizzle-orm/sqlite-core', `${meta.name}.table`, 'drizzle-orm');
  const columns = Object.fromEntries(meta.fields.map((f) => [f.property, column(sqlite, f)]));
  return sqlite.sqliteTable(meta.collection, columns as never);
}
