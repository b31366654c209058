import type { FieldMeta, ModelMeta } from '../../metadata/types';
import { optionalRequire } from '../../util/optional-require';
import { DEFAULT_INDEXED_LENGTH, isIndexed } from './mysql-column-types';

type MysqlCore = typeof import('drizzle-orm/mysql-core');

function column(my: MysqlCore, meta: ModelMeta, field: FieldMeta): unknown {
  const name = field.column;
  const base = (() => {
    switch (field.type) {
      case 'string':
        return isIndexed(meta, field) ? my.varchar(name, { length: field.length ?? DEFAULT_INDEXED_LENGTH }) : my.longtext(name);
      case 'int': return my.int(name);
      case 'float': return my.double(name);
      case 'boolean': return my.boolean(name);
      case 'date': return my.datetime(name, { mode: 'date', fsp: 3 });
      case 'json': return my.json(name);
      case 'decimal': return my.decimal(name, { precision: 65, scale: 30 });
    }
  })();
  if (field.isId) return base.primaryKey();
  return field.nullable ? base : base.notNull();
}

/** A Drizzle `mysqlTable` with the model's columns, keyed by property name, for hand-written Drizzle queries. */
export function mysqlDrizzleTable(meta: ModelMeta): unknown {
  const my = optionalRequire<MysqlCore>('drizzle-orm/mysql-core', `${meta.name}.table`, 'drizzle-orm');
  const columns = Object.fromEntries(meta.fields.map((f) => [f.property, column(my, meta, f)]));
  return my.mysqlTable(meta.collection, columns as never);
}
