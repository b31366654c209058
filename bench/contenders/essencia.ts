import { BaseModel, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { connectionOptions } from '../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../data';
import type { BenchRow, Contender } from '../types';

const DATABASE = 'bench_pg';
const TABLE = 'bench_essencia';

@Model({ database: DATABASE, collection: TABLE })
class BenchUser extends BaseModel {
  @Field() name!: string;
  @Field() email!: string;
  @Field({ type: 'int' }) age!: number;
  @Field({ type: 'float' }) score!: number;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

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
    workloads: {
      'insert-one': (fx) => (i) => BenchUser.create(rowOfCall(fx, i)),
      'bulk-insert': (fx) => (i) => BenchUser.insertMany(rowsOfCall(fx, i, fx.timedRows.length), { batchSize: fx.params.batchSize! }),
      'find-by-id': (fx) => (i) => BenchUser.findById(seededOfCall(fx.seeded, i).id),
      'find-many': (fx) => async () => {
        const found = await BenchUser.findMany({ active: true }, { limit: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
        return found;
      },
      'update-by-id': async (fx) => {
        // Load once; each call changes a field and saves.
        const loaded: BenchUser[] = [];
        for (const row of fx.seeded) loaded.push((await BenchUser.findById(row.id))!);
        return (i) => {
          const user = seededOfCall(loaded, i);
          user.score = i + 0.5;
          return user.save();
        };
      },
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return db.transaction(async () => {
          await BenchUser.create(a!);
          await BenchUser.create(b!);
        });
      },
    },
  };
}
