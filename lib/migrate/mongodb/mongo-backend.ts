import type { Db, Document } from 'mongodb';
import { indexSpec, type IndexStyle } from '../../drivers/mongodb/mongo-sync';
import { keyOf } from '../../drivers/mongodb/mongo-values';
import type { ModelMeta } from '../../metadata/types';
import type { LiveNames, MigrationBackend } from '../backend';
import type { ColumnShape, IndexShape, TableShape } from '../schema';
import type { Step } from '../steps';
import { introspectMongo } from './mongo-introspect';
import { withMongoLock } from './mongo-lock';
import { renderMongo } from './mongo-render';
import { bsonTypeOf, jsonSchemaOf, violationsFilter } from './mongo-validator';

const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;

const ignoring = (code: number) => (error: unknown) => {
  if ((error as { code?: unknown }).code !== code) throw error;
};

/** The index of an IndexShape (columns are document keys), built as `sync()` builds it. */
function indexOf(index: IndexShape, style: IndexStyle): { key: Document; options: Document } {
  const fields = index.columns.map((column) => ({ property: column, column, type: 'string' as const, nullable: true, isId: column === '_id' }));
  const meta = { name: index.name, byProperty: new Map(fields.map((f) => [f.property, f])) } as unknown as ModelMeta;
  return indexSpec(meta, { name: index.name, fields: index.columns, unique: index.unique }, style);
}

/**
 * The migration backend of a MongoDB database: collections, `$jsonSchema` validators and indexes; no transactional
 * DDL, so a file's journal entry says how many of its statements are done.
 */
export function mongoMigrationBackend(db: () => Promise<Db>, style: () => IndexStyle): MigrationBackend {
  const collections = async (): Promise<Set<string>> => new Set((await (await db()).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const helpers = (mongo: Db) => ({
    createCollection: (name: string) => mongo.createCollection(name).then(() => undefined, ignoring(NAMESPACE_EXISTS)),
    dropCollection: (name: string) => mongo.dropCollection(name).then(() => undefined, ignoring(NAMESPACE_NOT_FOUND)),
    renameCollection: (from: string, to: string) => mongo.renameCollection(from, to).then(() => undefined),
    renameField: (collection: string, from: string, to: string) =>
      mongo.collection(collection).updateMany({ [from]: { $exists: true } }, { $rename: { [from]: to } }).then(() => undefined),
    unsetField: (collection: string, field: string) =>
      mongo.collection(collection).updateMany({ [field]: { $exists: true } }, { $unset: { [field]: '' } }).then(() => undefined),
    /** Writes the validator in warn mode, counts the documents it would refuse, and enforces it when there are none. */
    applyValidator: async (collection: string, columns: ColumnShape[]) => {
      const validator = { $jsonSchema: jsonSchemaOf(columns) };
      await mongo.command({ collMod: collection, validator, validationLevel: 'moderate', validationAction: 'warn' });
      const violations = await mongo.collection(collection).countDocuments(violationsFilter(columns));
      if (violations === 0) await mongo.command({ collMod: collection, validator, validationLevel: 'strict', validationAction: 'error' });
      return violations;
    },
    removeValidator: (collection: string) => mongo.command({ collMod: collection, validator: {}, validationLevel: 'off' }).then(() => undefined),
    createIndex: async (collection: string, index: IndexShape) => {
      const { key, options } = indexOf(index, style());
      await mongo.collection(collection).createIndex(key, options);
    },
    dropIndex: (collection: string, name: string) => mongo.collection(collection).dropIndex(name).then(() => undefined, ignoring(INDEX_NOT_FOUND)),
  });
  return {
    transactionalDdl: false,
    validators: true,
    introspect: async () => introspectMongo(await db()),
    desiredTable(meta: ModelMeta): TableShape {
      const stored = meta.fields.filter((f) => !f.isId);
      return {
        name: meta.collection,
        columns: stored.map((f) => ({ name: keyOf(f), type: bsonTypeOf(f), nullable: f.nullable || f.derivedFrom !== undefined })),
        indexes: meta.indexes.map((i) => ({ name: i.name, unique: i.unique, columns: i.fields.map((p) => keyOf(meta.byProperty.get(p)!)) })),
      };
    },
    async countOffending(step: Step, live: LiveNames): Promise<number> {
      if (live.table === undefined || !(await collections()).has(live.table)) return 0;
      const collection = (await db()).collection(live.table);
      const liveColumns = (columns: readonly ColumnShape[]) => columns.map((c) => ({ ...c, name: live.column(c.name) ?? c.name }));
      switch (step.kind) {
        case 'validator':
          return collection.countDocuments(violationsFilter(liveColumns(step.columns)));
        case 'setNotNull':
          return collection.countDocuments({ [live.column(step.column.name) ?? step.column.name]: null });
        case 'alterType':
          return collection.countDocuments(violationsFilter(liveColumns([{ ...step.column, nullable: true }])));
        case 'createIndex': {
          if (!step.index.unique) return 0;
          const keys = step.index.columns.map((c) => live.column(c) ?? c);
          const group: Document = Object.fromEntries(keys.map((k, i) => [`k${i}`, `$${k}`]));
          const present: Document = Object.fromEntries(keys.map((k) => [k, { $exists: true, $ne: null }]));
          const groups = await collection
            .aggregate<{ n: number }>([{ $match: present }, { $group: { _id: group, n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }])
            .toArray();
          return groups.reduce((sum, g) => sum + g.n, 0);
        }
        default:
          return 0;
      }
    },
    render: (steps) => renderMongo(steps),
    withLock: async (fn) => withMongoLock(await db(), () => fn(undefined)),
    async scriptContext() {
      const mongo = await db();
      return { mongo, ...helpers(mongo) };
    },
  };
}
