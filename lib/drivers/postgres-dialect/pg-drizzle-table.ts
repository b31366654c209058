import type { FieldMeta, ModelMeta } from '../../metadata/types';
import { optionalRequire } from '../../util/optional-require';

type PgCore = typeof import('drizzle-orm/pg-core');

function column(pg: PgCore, field: FieldMeta): unknown {
  const name = field.column;
  const base = (() => {
    switch (field.type) {
      case 'string': return pg.text(name);
      case 'int': return pg.integer(name);
      case 'float': return pg.doublePrecision(name);
      case 'boolean': return pg.boolean(name);
      case 'date': return pg.timestamp(name, { withTimezone: true, mode: 'date' });
      case 'json': return pg.jsonb(name);
      case 'decimal': return pg.numeric(name);
    }
  })();
  if (field.isId) return base.primaryKey();
  return field.nullable ? base : base.notNull();
}

/** A Drizzle `pgTable` with the model's columns, keyed by property name, for hand-written Drizzle queries. */
export function drizzleTable(meta: ModelMeta): unknown {
  const pg = optionalRequire<PgCore>('drizzle-orm/pg-core', `${meta.name}.table`, 'drizzle-orm');
  const columns = Object.fromEntries(meta.fields.map((f) => [f.property, column(pg, f)]));
  return pg.pgTable(meta.collection, columns as never);
}
