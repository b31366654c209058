import { MongoClient, type Collection, type Document } from 'mongodb';
import { rowOfCall, rowsOfCall, seededOfCall } from '../data';
import { copyOf } from '../control';
import type { BenchRow, Contender } from '../types';
import { documentOf, MONGO_DATABASE, MONGO_POOL, serverHasTransactions } from './mongo-data';

/** The official `mongodb` driver used directly: the floor for the MongoDB section (`control`: its second copy, see bench/control.ts). */
export function rawMongoContender(url: string, control = false): Contender {
  const { name, table: COLLECTION } = copyOf('raw mongodb', 'bench_raw', control);
  let client!: MongoClient;
  let coll!: Collection;
  let transactions = false;

  return {
    name,
    async setup() {
      client = new MongoClient(url, { maxPoolSize: MONGO_POOL });
      await client.connect();
      const admin = client.db('admin');
      const hello = await admin.command({ hello: 1 });
      const buildInfo = await admin.command({ buildInfo: 1 }).catch(() => undefined);
      transactions = serverHasTransactions(hello, buildInfo);
      coll = client.db(MONGO_DATABASE).collection(COLLECTION);
    },
    async teardown() {
      await client.close();
    },
    async reset() {
      await coll.deleteMany({});
    },
    async seed(rows: readonly BenchRow[]) {
      for (let i = 0; i < rows.length; i += 1000) {
        await coll.insertMany(rows.slice(i, i + 1000).map((r) => documentOf(r, r.id)));
      }
    },
    async settings() {
      return { maxPoolSize: String(MONGO_POOL), bulkInTransaction: String(transactions) };
    },
    workloads: {
      'insert-one': (fx) => (i) => coll.insertOne(documentOf(rowOfCall(fx, i))),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return async (i) => {
          const docs = rowsOfCall(fx, i, fx.params.rows!).map((r) => documentOf(r));
          // As essencia's insertMany: more than one batch runs in one transaction where the server has them.
          if (!transactions || docs.length <= batch) {
            for (let start = 0; start < docs.length; start += batch) await coll.insertMany(docs.slice(start, start + batch));
            return;
          }
          const session = client.startSession();
          try {
            session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
            for (let start = 0; start < docs.length; start += batch) await coll.insertMany(docs.slice(start, start + batch), { session });
            await session.commitTransaction();
          } finally {
            await session.endSession();
          }
        };
      },
      'find-by-id': (fx) => (i) => coll.findOne({ _id: seededOfCall(fx.seeded, i).id as unknown as Document['_id'] }),
      'find-many': (fx) => async () => {
        // The same query essencia sends for findMany(filter, { limit }): a limited read is ordered by _id.
        const docs = await coll.find({ active: true }, { sort: [['_id', 1]], limit: fx.params.limit! }).toArray();
        if (docs.length !== fx.params.limit) throw new Error(`find-many: ${docs.length} documents`);
        return docs;
      },
      'update-by-id': (fx) => (i) => coll.updateOne({ _id: seededOfCall(fx.seeded, i).id as unknown as Document['_id'] }, { $set: { score: i + 0.5 } }),
    },
  };
}
