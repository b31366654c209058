import type { Db, Document } from 'mongodb';
import type { IndexShape, SchemaShape, TableShape } from '../schema';
import { columnsOfSchema } from './mongo-validator';

/** Whether a collection's validator is in force (strict and refusing), not only warning. */
function enforced(options: Document): boolean {
  return options['validationAction'] !== 'warn' && options['validationLevel'] !== 'moderate' && options['validationLevel'] !== 'off';
}

/**
 * The collections of a database (`system.*` and essencia's own `essencia_*` left out), their indexes (`_id_` left
 * out) and, where a `$jsonSchema` validator is in force, its keys. A collection without one (made by `sync()`, or
 * still in warn mode) has unknown columns: the plan then asks for the validator.
 */
export async function introspectMongo(db: Db): Promise<SchemaShape> {
  const schema = new Map<string, TableShape>();
  for (const info of await db.listCollections({}, { nameOnly: false }).toArray()) {
    const name = info.name;
    if (name.startsWith('system.') || name.startsWith('essencia_') || info.type === 'view') continue;
    const options = ((info as { options?: Document }).options ?? {}) as Document;
    const jsonSchema = (options['validator'] as Document | undefined)?.['$jsonSchema'] as Document | undefined;
    const indexes: IndexShape[] = (await db.collection(name).listIndexes().toArray())
      .filter((i) => i['name'] !== '_id_')
      .map((i) => ({ name: String(i['name']), columns: Object.keys(i['key'] as Document), unique: i['unique'] === true }));
    schema.set(name, { name, columns: jsonSchema && enforced(options) ? columnsOfSchema(jsonSchema) : undefined, indexes });
  }
  return schema;
}
