import { BaseModel, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { rowOfCall, rowsOfCall, seededOfCall } from '../data';
import type { BenchRow, Contender } from '../types';
import { MONGO_DATABASE, MONGO_POOL } from './mongo-data';

const DATABASE = 'bench_mongo';
const COLLECTION = 'bench_essencia';

@Model({ database: DATABASE, collection: COLLECTION })
class MongoBenchUser extends BaseModel {
  @Field() name!: string;
  @Field() email!: string;
  @Field({ type: 'int' }) age!: number;
  @Field({ type: 'float' }) score!: number;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

/** essencia's active-record API on a database created with the MongoDB URL. */
export function essenciaMongoContender(url: string): Contender {
  let db!: Database;

  return {
    name: 'essencia',
    async setup() {
      db = DatabaseFactory.createDatabase({ name: DATABASE, url, databaseName: MONGO_DATABASE, options: { poolSize: MONGO_POOL } });
      await db.connect();
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(DATABASE);
    },
    async reset() {
      // Untimed; deleteMany through the model keeps the collection (and the driver's view of it).
      await MongoBenchUser.deleteMany({});
    },
    async seed(rows: readonly BenchRow[]) {
      await MongoBenchUser.insertMany(rows, { batchSize: 1000 });
    },
    async settings() {
      const driver = db.driver as unknown as { deployment?: string };
      return { maxPoolSize: String(MONGO_POOL), deployment: String(driver.deployment), bulkInTransaction: String(db.driver.capabilities.transactions) };
    },
    workloads: {
      'insert-one': (fx) => (i) => MongoBenchUser.create(rowOfCall(fx, i)),
      'bulk-insert': (fx) => (i) => MongoBenchUser.insertMany(rowsOfCall(fx, i, fx.timedRows.length), { batchSize: fx.params.batchSize! }),
      'find-by-id': (fx) => (i) => MongoBenchUser.findById(seededOfCall(fx.seeded, i).id),
      'find-many': (fx) => async () => {
        const found = await MongoBenchUser.findMany({ active: true }, { limit: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} documents`);
        return found;
      },
      'update-by-id': async (fx) => {
        // Load once; each call changes a field and saves.
        const loaded: MongoBenchUser[] = [];
        for (const row of fx.seeded) loaded.push((await MongoBenchUser.findById(row.id))!);
        return (i) => {
          const user = seededOfCall(loaded, i);
          user.score = i + 0.5;
          return user.save();
        };
      },
    },
  };
}
