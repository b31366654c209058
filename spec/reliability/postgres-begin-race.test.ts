import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { BaseModel, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { postgresIsolation } from '../../lib/testing/isolation/postgres-isolation';
import { backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';
import { recordUncaught } from '../support/uncaught';

@Model({ database: 'race_main', collection: 'race_entries' })
class Entry extends BaseModel {
  @Field() kind!: string;
  @Field({ type: 'int' }) round = 0;
}

const url = backend('postgres').url;
const APP = 'essencia_begin_race_test';
const POOL = 3;
const ROUNDS = 20;
const TRANSACTIONS = 12;

class Rollback extends Error {}
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The upstream reproduction of postgres.js's `sql.begin` race: BEGIN reserves its connection only when written without
 * filling the pipeline (connection.js `execute()` skips the `onexecute` hook otherwise). Every connection is kept busy
 * and every pipeline of two full, then writes, reads and transactions queue in that order: a connection that frees
 * up takes a write and a read, then BEGIN as the third statement of its pipeline. postgres.js then fails the
 * transaction (UNSAFE_TRANSACTION) and leaves the connection in the pool inside an open transaction, where other
 * callers' writes are never committed.
 */
if (!url) {
  missingBackend('BEGIN on a busy pool', 'DATABASE_URL');
} else {
  describe('transactions started while every pooled connection is busy (pool 3, pipeline 2)', () => {
    // A database of its own: other files count the sessions left in a transaction, which this one has many of.
    const isolation = postgresIsolation(url);
    let db: Database;
    let admin: postgres.Sql;
    const uncaught = recordUncaught();

    beforeAll(async () => {
      const { databaseName } = await isolation.prepare();
      admin = postgres(url, { max: 1, database: databaseName, onnotice: () => undefined });
      db = DatabaseFactory.createDatabase({
        name: 'race_main',
        url,
        databaseName,
        options: { poolSize: POOL, applicationName: APP, driverOptions: { max_pipeline: 2 } },
      });
      await db.sync();
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      await admin.end();
      await isolation.dispose();
    });

    it(`${ROUNDS} rounds: writes outside transactions are visible at once, no session is left in a transaction, every transaction commits or rolls back as asked`, async () => {
      const countOf = async (kind: string) =>
        (await admin<[{ n: number }]>`SELECT count(*)::int AS n FROM race_entries WHERE kind = ${kind}`)[0].n;
      const idleInTransaction = async () =>
        (await admin<[{ n: number }]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${APP} AND state LIKE 'idle in transaction%'`)[0].n;

      let committed = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const errors: unknown[] = [];
        const track = (work: Promise<unknown>) => work.catch((e: unknown) => void (e instanceof Rollback || errors.push(e)));
        const work: Promise<unknown>[] = [];
        for (let i = 0; i < POOL; i++) work.push(track(db.drizzle.execute(sql`SELECT pg_sleep(0.05)`)));
        for (let i = 0; i < 2 * POOL; i++) work.push(track(Entry.count()));
        await nextTurn();
        for (let t = 0; t < TRANSACTIONS; t++) {
          work.push(track(Entry.create({ kind: 'outside', round })));
          await nextTurn();
          work.push(track(Entry.count()));
          await nextTurn();
          const transaction = db.transaction(async () => {
            await Entry.create({ kind: 'inside', round });
            await Entry.create({ kind: 'inside', round });
            if (t % 2 === 1) throw new Rollback();
          });
          work.push(track(transaction.then(() => void committed++)));
          await nextTurn();
        }
        await Promise.all(work);
        assert.equal(await countOf('outside'), TRANSACTIONS * round, `round ${round}: writes outside transactions are committed, seen from another connection`);
        assert.equal(await idleInTransaction(), 0, `round ${round}: no pooled session is left inside a transaction`);
        assert.deepEqual(errors.map(String), [], `round ${round}: no operation fails`);
        assert.equal(committed, (TRANSACTIONS / 2) * round, `round ${round}: every transaction that returned committed`);
        assert.equal(await countOf('inside'), 2 * committed, `round ${round}: the committed transactions' writes, and nothing of the rolled back ones`);
      }
      assert.deepEqual(uncaught, [], 'no uncaught error or unhandled rejection');
    });
  });
}
