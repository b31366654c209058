import { DatabaseFactory, Model, type Database } from '../../lib';
import { activeRecordWorkloads, BenchUserFields } from './active-record';
import type { BenchRow, Contender } from '../types';

const DATABASE = 'bench_sqlite';

@Model({ database: DATABASE, collection: 'bench_essencia' })
class BenchSqliteUser extends BenchUserFields {}

/** essencia's active-record API on an in-memory SQLite database (the table made by `sync()`). */
export function essenciaSqliteContender(): Contender {
  let db!: Database;

  return {
    name: 'essencia',
    async setup() {
      db = DatabaseFactory.createDatabase({ name: DATABASE, url: 'sqlite::memory:' });
      await db.connect();
      await db.sync();
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(DATABASE);
    },
    async reset() {
      await BenchSqliteUser.deleteMany({});
    },
    async seed(rows: readonly BenchRow[]) {
      await BenchSqliteUser.insertMany(rows, { batchSize: 1000 });
    },
    async settings() {
      return { database: 'memory' };
    },
    workloads: activeRecordWorkloads(BenchSqliteUser, () => db),
  };
}
