import type { Db, Document } from 'mongodb';
import { ConfigError } from '../../errors';
import type { IndexMeta, ModelMeta } from '../../metadata/types';
import { isDuplicateKey } from './mongo-errors';
import { keyOf } from './mongo-values';

const NAMESPACE_EXISTS = 48;
const INDEX_CONFLICT_CODES = new Set([85, 86]); // IndexOptionsConflict, IndexKeySpecsConflict

/** How unique indexes skip documents that lack a value. */
export interface IndexStyle {
  /**
   * true: `partialFilterExpression` with `$exists` on every key (exactly SQL: a row with any null is not checked).
   * false: `sparse` (the same for one key; a compound key is skipped only when all its keys are absent). The
   * mongomock-wire stand-in needs `sparse`: it drops partial filters when it restores an aborted transaction.
   */
  readonly partialUnique: boolean;
}

/**
 * The index specification of an IndexMeta. Unique indexes skip documents without the value so that, as on SQL,
 * any number of documents may lack it: null fields are not stored, and a plain unique index would count every
 * absent value as one shared null.
 */
export function indexSpec(meta: ModelMeta, index: IndexMeta, style: IndexStyle = { partialUnique: true }): { key: Document; options: Document } {
  const key: Document = {};
  const present: Document = {};
  for (const property of index.fields) {
    const field = meta.byProperty.get(property);
    if (!field) throw new ConfigError(`${meta.name}: index '${index.name}' names '${property}', which is not a field`);
    key[keyOf(field)] = 1;
    if (!field.isId) present[keyOf(field)] = { $exists: true };
  }
  const options: Document = { name: index.name };
  if (index.unique) {
    options.unique = true;
    if (Object.keys(present).length > 0) {
      if (style.partialUnique) options.partialFilterExpression = present;
      else options.sparse = true;
    }
  }
  return { key, options };
}

async function ensureIndex(db: Db, meta: ModelMeta, index: IndexMeta, style: IndexStyle): Promise<void> {
  const { key, options } = indexSpec(meta, index, style);
  try {
    await db.collection(meta.collection).createIndex(key, options);
  } catch (error) {
    const on = `${meta.name} (${meta.collection}): the ${index.unique ? 'unique ' : ''}index '${index.name}' on ${index.fields.join(', ')}`;
    if (isDuplicateKey(error)) {
      throw new ConfigError(`${on} cannot be built: existing documents hold duplicate values; remove them and run sync() again`, {
        cause: error,
      });
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && INDEX_CONFLICT_CODES.has(code)) {
      throw new ConfigError(`${on} already exists with other keys or options; drop it and run sync() again`, { cause: error });
    }
    throw error;
  }
}

/**
 * Creates the missing collections and indexes of `models` (idempotent: existing ones with the same definition
 * are left alone). Indexes are built one at a time so that a failure names its index.
 *
 * @example
 * await syncModels(client.db('app'), [modelMeta(User)], { partialUnique: true });
 */
export async function syncModels(db: Db, models: readonly ModelMeta[], style: IndexStyle): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const meta of models) {
    if (!existing.has(meta.collection)) {
      try {
        await db.createCollection(meta.collection);
      } catch (error) {
        if ((error as { code?: unknown }).code !== NAMESPACE_EXISTS) throw error;
      }
      existing.add(meta.collection);
    }
    for (const index of meta.indexes) await ensureIndex(db, meta, index, style);
  }
}
