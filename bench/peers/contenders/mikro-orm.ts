import { randomUUID } from 'node:crypto';
import { EntitySchema, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { connectionOptions } from '../../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../../data';
import type { BenchRow, Contender } from '../../types';

const TABLE = 'bench_mikro';

const User = new EntitySchema<BenchRow>({
  name: 'BenchUser',
  tableName: TABLE,
  properties: {
    id: { type: 'string', columnType: 'text', primary: true },
    name: { type: 'string', columnType: 'text' },
    email: { type: 'string', columnType: 'text' },
    age: { type: 'integer' },
    score: { type: 'double' },
    active: { type: 'boolean' },
    createdAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' },
  },
});

/**
 * MikroORM (EntitySchema, unit of work: `create` + `flush` on a fork of the entity manager per operation;
 * `insertMany` for bulk; a loaded entity changed and flushed).
 */
export function mikroOrmContender(url: string): Contender {
  let orm!: MikroORM;
  const em = (): EntityManager => orm.em.fork();

  return {
    name: 'MikroORM',
    async setup() {
      orm = await MikroORM.init({ clientUrl: url, entities: [User], pool: { min: 0, max: connectionOptions.max }, debug: false });
      await orm.em.getConnection().execute(createTableSql(TABLE));
    },
    async teardown() {
      await orm.close(true);
    },
    async reset() {
      await orm.em.getConnection().execute(`TRUNCATE ${TABLE}`);
    },
    async seed(rows) {
      for (let i = 0; i < rows.length; i += 1000) await em().insertMany(User, rows.slice(i, i + 1000) as BenchRow[]);
    },
    async settings() {
      const [row] = await orm.em.getConnection().execute(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(row.synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => (i) => {
        const fork = em();
        fork.create(User, { id: randomUUID(), ...rowOfCall(fx, i) });
        return fork.flush();
      },
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return em().transactional(async (tx) => {
            for (let start = 0; start < rows.length; start += batch) {
              await tx.insertMany(User, rows.slice(start, start + batch).map((row) => ({ id: randomUUID(), ...row })));
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => em().findOne(User, { id: seededOfCall(fx.seeded, i).id }),
      'find-many': (fx) => async () => {
        const found = await em().find(User, { active: true }, { limit: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
        return found;
      },
      'update-by-id': async (fx) => {
        const fork = em();
        const loaded: BenchRow[] = [];
        for (const row of fx.seeded) loaded.push((await fork.findOne(User, { id: row.id }))!);
        return (i) => {
          seededOfCall(loaded, i).score = i + 0.5;
          return fork.flush();
        };
      },
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        // Both inserts are flushed at commit (MikroORM may send them as one statement).
        return em().transactional(async (tx) => {
          tx.create(User, { id: randomUUID(), ...a! });
          tx.create(User, { id: randomUUID(), ...b! });
        });
      },
    },
  };
}
