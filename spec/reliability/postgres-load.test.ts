import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import postgres from 'postgres';
import { BaseModel, DatabaseFactory, Field, Index, Model, type Database } from '../../lib';
import { backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';

@Model({ database: 'load_main', collection: 'load_orders' })
class Order extends BaseModel {
  @Field() @Index() client!: string;
  @Field() kind!: string;
  @Field({ type: 'int' }) amount = 0;
}

const url = backend('postgres').url;
const CLIENTS = 200;
const POOL = 20;
const ROUNDS = 5;
const APP = 'essencia_load_test';

/** One client's mixed work for a round: a create, a read by id, an update, a 2-insert transaction, a query. */
async function round(db: Database, client: string, i: number): Promise<void> {
  const order = await Order.create({ client, kind: 'single', amount: 1 });
  const found = await Order.findByIdOrFail(order.id);
  found.amount += 1;
  await found.save();
  await db.transaction(async () => {
    await Order.create({ client, kind: 'pair', amount: i });
    await Order.create({ client, kind: 'pair', amount: i });
  });
  const mine = await Order.query().where({ client }).orderBy('amount', 'desc').limit(5).execute();
  assert.ok(mine.length > 0);
}

if (!url) {
  missingBackend('load: 200 clients on a pool of 20', 'DATABASE_URL');
} else {
  describe('load: 200 concurrent clients on a pool of 20', () => {
    let db: Database;
    let admin: postgres.Sql;

    beforeAll(async () => {
      admin = postgres(url, { max: 1, onnotice: () => undefined });
      db = DatabaseFactory.createDatabase({ name: 'load_main', url, options: { poolSize: POOL, applicationName: APP } });
      await db.sync();
      await Order.deleteMany({});
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      await admin.end();
    });

    it('mixed work: no error, every row accounted for, never more connections than the pool, none left idle in a transaction', async () => {
      const connections = () =>
        admin<[{ n: number }]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${APP}`.then(([r]) => r.n);
      let peak = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await connections());
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const errors: unknown[] = [];
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < ROUNDS; i++) await round(db, `client-${c}`, i).catch((e: unknown) => void errors.push(e));
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      sampling = false;
      await sampler;
      const ops = CLIENTS * ROUNDS * 6;
      console.log(`load: ${CLIENTS} clients, pool ${POOL}: ${ops} operations in ${seconds.toFixed(2)} s = ${Math.round(ops / seconds)} ops/s; peak ${peak} connections`);

      assert.deepEqual(errors.map(String), []);
      assert.ok(peak > 0 && peak <= POOL, `peak connections ${peak} (pool ${POOL})`);
      assert.equal(await Order.count({ kind: 'single' }), CLIENTS * ROUNDS);
      assert.equal(await Order.count({ kind: 'pair' }), CLIENTS * ROUNDS * 2);
      assert.equal(await Order.count({ kind: 'single', amount: 2 }), CLIENTS * ROUNDS, 'every update landed');
      const [{ total }] = await admin<[{ total: number }]>`SELECT coalesce(sum(amount), 0)::int AS total FROM load_orders WHERE kind = 'pair'`;
      assert.equal(total, CLIENTS * 2 * ((ROUNDS * (ROUNDS - 1)) / 2));
      const [{ idle }] = await admin<[{ idle: number }]>`
        SELECT count(*)::int AS idle FROM pg_stat_activity WHERE application_name = ${APP} AND state LIKE 'idle in transaction%'`;
      assert.equal(idle, 0);
      assert.ok((await connections()) <= POOL);
    });
  });
}
