import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import postgres from 'postgres';
import { BaseModel, ConfigError, ConnectionError, DatabaseFactory, Field, Index, Model, QueryError, TransactionError, ValidationError, type Database } from '../../lib';
import type { SqlExecutor } from '../../lib/drivers/sql/sql-client';
import { currentTransaction } from '../../lib/transaction/context';
import { backend } from '../support/backends';
import { sleep } from '../support/retry';
import { recordUncaught } from '../support/uncaught';

/** Three model classes on one table, one per database configuration (plain, short statement timeout, short lock timeout). */
@Model({ database: 'pf_main', collection: 'pf_accounts' })
class Account extends BaseModel {
  @Field() @Index() code!: string;
  @Field({ type: 'int' }) balance = 0;
}

@Model({ database: 'pf_statement_timeout', collection: 'pf_accounts' })
class SlowAccount extends BaseModel {
  @Field() @Index() code!: string;
  @Field({ type: 'int' }) balance = 0;
}

@Model({ database: 'pf_lock_timeout', collection: 'pf_accounts' })
class LockedAccount extends BaseModel {
  @Field() @Index() code!: string;
  @Field({ type: 'int' }) balance = 0;
}

@Model({ database: 'pf_drain', collection: 'pf_accounts' })
class DrainAccount extends BaseModel {
  @Field() @Index() code!: string;
  @Field({ type: 'int' }) balance = 0;
}

@Model({ database: 'pf_pipeline', collection: 'pf_accounts' })
class PipelinedAccount extends BaseModel {
  @Field() @Index() code!: string;
  @Field({ type: 'int' }) balance = 0;
}

const url = backend('postgres').url;
/** The application_name of this file's pools: other files' sessions in the same database are not counted. */
const APP = 'essencia-postgres-faults';

/** Runs a statement on the transaction open on `pf_main` (set-up the model layer has no words for). */
const onTransaction = async (text: string) => (currentTransaction('pf_main') as SqlExecutor).query(text, []);

/** Holds a row lock from a second connection until `release()` is called. */
async function lockRow(admin: postgres.Sql, id: string): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = admin.begin(async (tx) => {
    await tx`SELECT id FROM pf_accounts WHERE id = ${id} FOR UPDATE`;
    locked();
    await new Promise<void>((r) => (release = r));
  });
  await isLocked;
  return { release: async () => { release(); await done; } };
}

/**
 * Runs `fn` in a transaction of `db` and resolves to how the transaction ended (its value or error) once `fn` has
 * finished too: transaction() may reject as soon as the connection closes, while the callback still runs.
 */
async function transactionThrough(db: Database, fn: () => Promise<void>): Promise<unknown> {
  let finished!: () => void;
  const callbackDone = new Promise<void>((r) => (finished = r));
  const outcome = await db
    .transaction(async () => {
      try {
        await fn();
      } finally {
        finished();
      }
    })
    .catch((e: unknown) => e);
  await callbackDone;
  return outcome;
}

if (!url) {
  missingBackend('PostgreSQL faults', 'DATABASE_URL');
} else {
  describe('PostgreSQL faults', () => {
    let main: Database;
    let admin: postgres.Sql;
    const uncaught = recordUncaught();

    beforeAll(async () => {
      admin = postgres(url, { max: 4, onnotice: () => undefined });
      main = DatabaseFactory.createDatabase({ name: 'pf_main', url, options: { applicationName: APP } });
      DatabaseFactory.createDatabase({ name: 'pf_statement_timeout', url, options: { applicationName: APP, statementTimeoutMs: 200 } });
      DatabaseFactory.createDatabase({ name: 'pf_lock_timeout', url, options: { applicationName: APP, lockTimeoutMs: 200 } });
      DatabaseFactory.createDatabase({ name: 'pf_pipeline', url, options: { applicationName: APP, driverOptions: { max_pipeline: 2 } } });
      await DatabaseFactory.connectAll();
      await main.sync();
    });
    beforeEach(() => Account.deleteMany({}));
    afterEach(() => assert.deepEqual(uncaught, [], 'no uncaught error or unhandled rejection'));
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      await admin.end();
    });

    it('a backend killed mid-transaction: ConnectionError, later writes refused, nothing kept, the database goes on', async () => {
      let later: unknown;
      const outcome = await transactionThrough(main, async () => {
        await Account.create({ code: 'before-kill' });
        const [{ pid }] = (await onTransaction('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
        await admin`SELECT pg_terminate_backend(${pid})`;
        await sleep(200);
        later = await Account.create({ code: 'after-kill' }).catch((e: unknown) => e);
        await Account.create({ code: 'after-kill-2' });
      });
      await sleep(50);
      assert.ok(outcome instanceof ConnectionError, `transaction() rejects with a ConnectionError, got ${String(outcome)}`);
      assert.match(outcome.message, /connection was lost inside a transaction/);
      assert.ok(later instanceof ConnectionError, `a write after the loss rejects with it, got ${String(later)}`);
      assert.equal(await Account.count(), 0, 'none of the transaction writes exist');
      await Account.create({ code: 'afterwards' });
      assert.equal(await Account.count(), 1, 'the database goes on working');
    });

    it('a backend killed during a statement: that statement and the transaction reject with ConnectionErrors', async () => {
      let inFlight: unknown;
      const outcome = await transactionThrough(main, async () => {
        await Account.create({ code: 'kept-nowhere' });
        const [{ pid }] = (await onTransaction('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
        const sleeping = onTransaction('SELECT pg_sleep(5)').catch((e: unknown) => main.driver.convertError(e));
        await sleep(100);
        await admin`SELECT pg_terminate_backend(${pid})`;
        inFlight = await sleeping;
        await Account.create({ code: 'after' });
      });
      assert.ok(inFlight instanceof ConnectionError, String(inFlight));
      assert.ok(outcome instanceof ConnectionError, String(outcome));
      assert.equal(await Account.count(), 0);
    });

    it('statements queued behind a full pipeline when the backend is killed reject with ConnectionErrors, none is left pending', async () => {
      const pipelined = DatabaseFactory.getDatabase('pf_pipeline');
      const statement = (text: string) => (currentTransaction('pf_pipeline') as SqlExecutor).query(text, []);
      let outcomes: PromiseSettledResult<unknown>[] = [];
      const outcome = await transactionThrough(pipelined, async () => {
        await PipelinedAccount.create({ code: 'kept-nowhere' });
        const [{ pid }] = (await statement('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
        // Two statements fill the pipeline; the other four wait in postgres.js, never sent.
        const waiting = Array.from({ length: 6 }, () => statement('SELECT pg_sleep(5)'));
        await sleep(100);
        await admin`SELECT pg_terminate_backend(${pid})`;
        const deadline = sleep(2_000).then(() => 'still pending');
        outcomes = await Promise.allSettled(waiting.map((w) => Promise.race([w, deadline])));
      });
      assert.equal(outcomes.length, 6);
      for (const settled of outcomes) {
        assert.equal(settled.status, 'rejected', `every statement rejects, got ${settled.status === 'fulfilled' ? String(settled.value) : ''}`);
        assert.ok(pipelined.driver.convertError((settled as PromiseRejectedResult).reason) instanceof ConnectionError, String((settled as PromiseRejectedResult).reason));
      }
      assert.ok(outcome instanceof ConnectionError, String(outcome));
      assert.equal(await Account.count(), 0);
    });

    it('a failed statement the callback catches still aborts the transaction: it rolls back with that error', async () => {
      const outcome = await main
        .transaction(async () => {
          await Account.create({ code: 'before-failure' });
          await onTransaction('SELECT 1/0').catch(() => undefined);
        })
        .catch((e: unknown) => e);
      assert.equal((outcome as { code?: string }).code, '22012', String(outcome));
      assert.equal(await Account.count(), 0);
    });

    it('a failed statement in a nested transaction the callback catches is undone with its savepoint: the outer commits', async () => {
      await main.transaction(async () => {
        await Account.create({ code: 'outer' });
        const inner = await main.transaction(() => onTransaction('SELECT 1/0')).catch((e: unknown) => e);
        assert.equal((inner as { code?: string }).code, '22012', String(inner));
        await Account.create({ code: 'after' });
      });
      assert.deepEqual((await Account.findMany({}, { orderBy: { code: 'asc' } })).map((a) => a.code), ['after', 'outer']);
    });

    it('a statement past statementTimeoutMs (57014) is a QueryError from save() and updateMany', async () => {
      const account = await SlowAccount.create({ code: 'slow' });
      const lock = await lockRow(admin, account.id);
      try {
        account.balance = 10;
        const saved = await account.save().catch((e: unknown) => e);
        assert.ok(saved instanceof QueryError, String(saved));
        assert.equal((saved.cause as { code?: string }).code, '57014');
        assert.match(saved.message, /statementTimeoutMs/);
        const updated = await SlowAccount.updateMany({ code: 'slow' }, { balance: 20 }).catch((e: unknown) => e);
        assert.ok(updated instanceof QueryError, String(updated));
      } finally {
        await lock.release();
      }
      assert.equal((await Account.findById(account.id))!.balance, 0);
    });

    it('a lock wait past lock_timeout (55P03) is a retryable TransactionError', async () => {
      const account = await LockedAccount.create({ code: 'locked' });
      const lock = await lockRow(admin, account.id);
      try {
        account.balance = 10;
        const saved = await account.save().catch((e: unknown) => e);
        assert.ok(saved instanceof TransactionError, String(saved));
        assert.equal(saved.retryable, true);
        assert.equal((saved.cause as { code?: string }).code, '55P03');
      } finally {
        await lock.release();
      }
      await account.save();
      assert.equal((await Account.findById(account.id))!.balance, 10, 'once the lock is gone the same save succeeds');
    });

    it('a serialization failure (40001) is a retryable TransactionError and the transaction keeps nothing', async () => {
      const account = await Account.create({ code: 'contended', balance: 1 });
      const outcome = await main
        .transaction(async () => {
          await onTransaction('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
          const mine = (await Account.findById(account.id))!;
          await Account.create({ code: 'side-effect' });
          await admin`UPDATE pf_accounts SET balance = 2 WHERE id = ${account.id}`;
          mine.balance = 3;
          await mine.save();
        })
        .catch((e: unknown) => e);
      assert.ok(outcome instanceof TransactionError, String(outcome));
      assert.equal(outcome.retryable, true);
      assert.equal((outcome.cause as { code?: string }).code, '40001');
      assert.equal((await Account.findById(account.id))!.balance, 2);
      assert.equal(await Account.count({ code: 'side-effect' }), 0);
    });

    it('a deadlock (40P01) is a retryable TransactionError', async () => {
      const [one, two] = await Account.insertMany([{ code: 'one' }, { code: 'two' }]);
      let theirs: Promise<unknown> | undefined;
      const outcome = await main
        .transaction(async () => {
          await onTransaction("SET LOCAL deadlock_timeout = '100ms'");
          await Account.updateMany({ id: one!.id }, { balance: 1 });
          let holdsTwo!: () => void;
          const twoLocked = new Promise<void>((r) => (holdsTwo = r));
          // The other side locks `two`, then waits for `one`, which this transaction holds.
          theirs = admin
            .begin(async (tx) => {
              await tx`SELECT id FROM pf_accounts WHERE id = ${two!.id} FOR UPDATE`;
              holdsTwo();
              await tx`UPDATE pf_accounts SET balance = 2 WHERE id = ${one!.id}`;
            })
            .catch((e: unknown) => e);
          await twoLocked;
          await sleep(100);
          await Account.updateMany({ id: two!.id }, { balance: 1 });
        })
        .catch((e: unknown) => e);
      assert.equal(await theirs, undefined, 'the other transaction went through once this one was aborted');
      assert.ok(outcome instanceof TransactionError, String(outcome));
      assert.equal(outcome.retryable, true);
      assert.equal((outcome.cause as { code?: string }).code, '40P01');
      assert.deepEqual((await Account.findMany({}, { orderBy: { code: 'asc' } })).map((a) => a.balance), [2, 0]);
    });

    it('transaction(fn, { retries }) runs the callback again after a serialization failure and commits once', async () => {
      const account = await Account.create({ code: 'retried', balance: 1 });
      let attempts = 0;
      await main.transaction(
        async () => {
          attempts++;
          await onTransaction('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
          const mine = (await Account.findById(account.id))!;
          await Account.create({ code: `attempt-${attempts}` });
          if (attempts === 1) await admin`UPDATE pf_accounts SET balance = balance + 1 WHERE id = ${account.id}`;
          mine.balance += 10;
          await mine.save();
        },
        { retries: 2 },
      );
      assert.equal(attempts, 2);
      assert.equal((await Account.findById(account.id))!.balance, 12, 'the second attempt saw the concurrent update');
      assert.deepEqual((await Account.findMany({ code: { $like: 'attempt-%' } })).map((a) => a.code), ['attempt-2'], 'nothing of the first attempt was kept');
    });

    it('transaction(fn, { retries }) gives up after the retries with the retryable TransactionError; other errors are not retried', async () => {
      let attempts = 0;
      const conflict = await main
        .transaction(
          async () => {
            attempts++;
            throw new TransactionError('conflict', { retryable: true });
          },
          { retries: 2 },
        )
        .catch((e: unknown) => e);
      assert.ok(conflict instanceof TransactionError && conflict.retryable);
      assert.equal(attempts, 3);
      attempts = 0;
      const invalid = await main
        .transaction(async () => {
          attempts++;
          throw new ValidationError('Account', { code: ['bad'] });
        }, { retries: 2 })
        .catch((e: unknown) => e);
      assert.ok(invalid instanceof ValidationError);
      assert.equal(attempts, 1, 'a ValidationError is not retried');
      const bad = await main.transaction(async () => undefined, { retries: -1 }).catch((e: unknown) => e);
      assert.ok(bad instanceof ConfigError, String(bad));
    });

    it('close() refuses new work at once, lets running transactions finish, then closes', async () => {
      const drain = DatabaseFactory.createDatabase({ name: 'pf_drain', url, options: { applicationName: APP } });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      const running = drain.transaction(async () => {
        await DrainAccount.create({ code: 'in-flight' });
        started();
        await gate;
        await DrainAccount.create({ code: 'in-flight' });
      });
      await isStarted;
      let closed = false;
      const closing = drain.close({ timeoutMs: 30_000 }).then(() => void (closed = true));
      const refused = await DrainAccount.create({ code: 'new' }).catch((e: unknown) => e);
      assert.ok(refused instanceof ConnectionError, String(refused));
      assert.match(refused.message, /database 'pf_drain' is shutting down/);
      const refusedTx = await drain.transaction(async () => undefined).catch((e: unknown) => e);
      assert.ok(refusedTx instanceof ConnectionError, String(refusedTx));
      await sleep(100);
      assert.equal(closed, false, 'close() waits for the running transaction');
      release();
      await running;
      await closing;
      assert.equal(await Account.count({ code: 'in-flight' }), 2, 'the running transaction committed');
      await DatabaseFactory.removeDatabase('pf_drain');
    });

    it('close() stops waiting at its deadline: the work still running fails with a ConnectionError and keeps nothing', async () => {
      const drain = DatabaseFactory.createDatabase({ name: 'pf_drain', url, options: { applicationName: APP } });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      const running = drain
        .transaction(async () => {
          await DrainAccount.create({ code: 'stuck' });
          started();
          await gate;
          await DrainAccount.create({ code: 'stuck' });
        })
        .catch((e: unknown) => e);
      await isStarted;
      await drain.close({ timeoutMs: 200 });
      release();
      const outcome = await running;
      assert.ok(outcome instanceof ConnectionError, String(outcome));
      assert.equal(await Account.count({ code: 'stuck' }), 0);
      await DatabaseFactory.removeDatabase('pf_drain');
    });

    it('after timeouts and failures the pool has no connection left idle in a transaction', async () => {
      const [{ n }] = await admin<[{ n: number }]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = ${APP} AND state LIKE 'idle in transaction%'`;
      assert.equal(n, 0);
      await Promise.all([SlowAccount.count(), LockedAccount.count(), Account.count()]);
    });

    it('a 1 MB string in an indexed column is a ValidationError naming the field', async () => {
      const text = Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
      const error = await Account.create({ code: text }).catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError, String(error));
      assert.deepEqual(Object.keys(error.errors), ['code']);
      const kept = await Account.create({ code: 'short' });
      const updated = await Account.updateMany({ id: kept.id }, { code: text }).catch((e: unknown) => e);
      assert.ok(updated instanceof ValidationError, String(updated));
      assert.deepEqual(Object.keys(updated.errors), ['code']);
      assert.equal(await Account.count(), 1);
    });
  });
}
