import { DatabaseFactory, Model, type Database } from '../../lib';
import { activeRecordWorkloads, BenchUserFields } from './active-record';
import { sqlOf } from './essencia';
import { MYSQL_POOL } from './mysql-data';
import type { BenchRow, Contender } from '../types';

const DATABASE = 'bench_mysql';
const TABLE = 'bench_mysql_essencia';

@Model({ database: DATABASE, collection: TABLE })
class BenchMysqlUser extends BenchUserFields {}

/** essencia's active-record API on MySQL / MariaDB. */
export function essenciaMysqlContender(url: string): Contender {
  let db!: Database;
  let run!: ReturnType<typeof sqlOf>;

  return {
    name: 'essencia',
    async setup() {
      db = DatabaseFactory.createDatabase({ name: DATABASE, url, options: { poolSize: MYSQL_POOL } });
      await db.sync();
      run = sqlOf(db);
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(DATABASE);
    },
    async reset() {
      await run(`TRUNCATE ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      await BenchMysqlUser.insertMany(rows, { batchSize: 1000 });
    },
    async settings() {
      const { rows } = await run('SELECT @@innodb_flush_log_at_trx_commit AS flush');
      return { innodb_flush_log_at_trx_commit: String(rows[0]!.flush) };
    },
    workloads: activeRecordWorkloads(BenchMysqlUser, () => db),
  };
}
