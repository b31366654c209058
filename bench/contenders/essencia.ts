import { DatabaseFactory, Model, type Database } from '../../lib';
import { connectionOptions } from '../config';
import { createTableSql } from '../data';
import { activeRecordWorkloads, BenchUserFields } from './active-record';
import type { BenchRow, Contender } from '../types';

const DATABASE = 'bench_pg';
const TABLE = 'bench_essencia';

@Model({ database: DATABASE, collection: TABLE })
class BenchUser extends BenchUserFields {}

/** The statement runner under essencia's driver, for setup and checks only (never in a timed loop). */
export function sqlOf(db: Database): (text: string) => Promise<{ rows: Record<string, unknown>[] }> {
  const client = (db.driver as unknown as { client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> } }).client;
  return (text) => client.query(text, []);
}

/** essencia's active-record API. */
export function essenciaContender(url: string): Contender {
  let db!: Database;
  let run!: ReturnType<typeof sqlOf>;

  return {
    name: 'essencia',
    async setup() {
      db = DatabaseFactory.createDatabase({
        name: DATABASE,
        url,
        options: { poolSize: connectionOptions.max, driverOptions: { connection: connectionOptions.connection } },
      });
      await db.connect();
      run = sqlOf(db);
      await run(createTableSql(TABLE));
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(DATABASE);
    },
    async reset() {
      await run(`TRUNCATE ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      await BenchUser.insertMany(rows, { batchSize: 1000 });
    },
    async settings() {
      const { rows } = await run(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(rows[0]!.synchronous_commit) };
    },
    workloads: activeRecordWorkloads(BenchUser, () => db),
  };
}
