import { randomUUID } from 'node:crypto';
import { DataSource, EntitySchema, type Repository } from 'typeorm';
import { connectionOptions } from '../../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../../data';
import type { BenchRow, Contender } from '../../types';

const TABLE = 'bench_typeorm';

const User = new EntitySchema<BenchRow>({
  name: 'BenchUser',
  tableName: TABLE,
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    email: { type: 'text' },
    age: { type: 'integer' },
    score: { type: 'double precision' },
    active: { type: 'boolean' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});

/** TypeORM (EntitySchema, the repository API; `insert` for new rows, `save` for a loaded entity). */
export function typeormContender(url: string): Contender {
  let ds!: DataSource;
  let repo!: Repository<BenchRow>;

  return {
    name: 'TypeORM',
    async setup() {
      ds = new DataSource({ type: 'postgres', url, entities: [User], synchronize: false, logging: false, extra: { max: connectionOptions.max } });
      await ds.initialize();
      await ds.query(createTableSql(TABLE));
      repo = ds.getRepository(User);
    },
    async teardown() {
      await ds.destroy();
    },
    async reset() {
      await ds.query(`TRUNCATE ${TABLE}`);
    },
    async seed(rows) {
      for (let i = 0; i < rows.length; i += 1000) await repo.insert(rows.slice(i, i + 1000) as BenchRow[]);
    },
    async settings() {
      const [row] = await ds.query(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(row.synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => (i) => repo.insert({ id: randomUUID(), ...rowOfCall(fx, i) }),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return ds.transaction(async (em) => {
            for (let start = 0; start < rows.length; start += batch) {
              await em.insert(User, rows.slice(start, start + batch).map((row) => ({ id: randomUUID(), ...row })));
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => repo.findOneBy({ id: seededOfCall(fx.seeded, i).id }),
      'find-many': (fx) => async () => {
        const found = await repo.find({ where: { active: true }, take: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
        return found;
      },
      'update-by-id': async (fx) => {
        const loaded: BenchRow[] = [];
        for (const row of fx.seeded) loaded.push((await repo.findOneBy({ id: row.id }))!);
        return (i) => {
          const user = seededOfCall(loaded, i);
          user.score = i + 0.5;
          return repo.save(user);
        };
      },
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return ds.transaction(async (em) => {
          await em.insert(User, { id: randomUUID(), ...a! });
          await em.insert(User, { id: randomUUID(), ...b! });
        });
      },
    },
  };
}
