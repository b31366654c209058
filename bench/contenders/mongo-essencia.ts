import { DatabaseFactory, Model, type Database } from '../../lib';
import type { BenchRow, Contender } from '../types';
import { activeRecordWorkloads, BenchUserFields } from './active-record';
import { MONGO_DATABASE, MONGO_POOL } from './mongo-data';

const DATABASE = 'bench_mongo';
const COLLECTION = 'bench_essencia';

@Model({ database: DATABASE, collection: COLLECTION })
class MongoBenchUser extends BenchUserFields {}

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
    workloads: activeRecordWorkloads(MongoBenchUser, () => db),
  };
}
