import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { BaseModel, ConfigError, DatabaseFactory, Field, Index, Model, QueryError, TransactionError, Unique, ValidationError, type Database } from '../../lib';
import type { SqlExecutor } from '../../lib/drivers/sql/sql-client';
import { modelMeta } from '../../lib/metadata/model-meta';
import { currentTransaction } from '../../lib/transaction/context';
import { backend } from '../support/backends';
import { reset } from '../support/conformance';
import { missingBackend } from '../support/missing-backend';

/** What MySQL / MariaDB need beyond the shared conformance suites: lengths, collations, counts, lock errors. */

@Model({ database: 'my_main', collection: 'my_codes' })
class Code extends BaseModel {
  @Field({ length: 12 }) @Unique() code!: string;
  @Field() label!: string;
  @Field({ type: 'decimal', nullable: true }) amount?: string | null;
}

@Model({ database: 'my_main', collection: 'my_accounts' })
class Account extends BaseModel {
  @Field() @Index() owner!: string;
  @Field({ type: 'int' }) balance = 0;
}

@Model({ database: 'my_main', collection: 'my_docs' })
class Doc extends BaseModel {
  @Field() name!: string;
  @Field({ type: 'json', nullable: true }) body?: Record<string, unknown> | null;
}

@Model({ database: 'my_too_long', collection: 'my_wide' })
class Wide extends BaseModel {
  @Field({ length: 600 }) a!: string;
  @Field({ length: 300 }) b!: string;
}

const url = backend('mariadb').url;

/** Runs a statement on the transaction open on `my_main` (session settings the model layer has no words for). */
const onTransaction = (text: string) => (currentTransaction('my_main') as SqlExecutor).query(text, []);

if (!url) {
  missingBackend('MariaDB / MySQL specifics', 'MYSQL_URL');
} else {
  describe('MariaDB / MySQL specifics', () => {
    let db: Database;
    beforeAll(async () => {
      db = DatabaseFactory.createDatabase({ name: 'my_main', url });
      await db.sync();
    });
    beforeEach(() => reset(db, Code, Account, Doc));
    afterAll(() => DatabaseFactory.closeAll());

    it('an indexed string is a VARCHAR of its `length`; a longer value is a ValidationError naming the field', async () => {
      const { rows } = await (db.driver as unknown as { client: SqlExecutor }).client.query(
        `SELECT character_maximum_length AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'my_codes' AND column_name = 'code'`, [],
      );
      assert.equal(Number(rows[0]!.n), 12);
      await assert.rejects(Code.create({ code: 'x'.repeat(13), label: 'long' }), (e: unknown) => e instanceof ValidationError && /code/.test(JSON.stringify(e.errors)));
      assert.equal((await Code.create({ code: 'x'.repeat(12), label: 'fits' })).code.length, 12);
    });

    it('an index over more than 3072 bytes is a ConfigError at sync, before any DDL', async () => {
      const wide = modelMeta(Wide);
      const meta = { ...wide, indexes: [{ name: 'my_wide_ab', fields: ['a', 'b'], unique: false }] };
      await assert.rejects((await db.ready()).sync([meta]), (e: unknown) => e instanceof ConfigError && /my_wide_ab/.test(e.message) && /length/.test(e.message));
    });

    it('strings compare byte-wise and keep trailing spaces: "a" and "a " are two values of a unique index', async () => {
      await Code.create({ code: 'a', label: 'plain' });
      await Code.create({ code: 'a ', label: 'spaced' });
      await Code.create({ code: 'B', label: 'upper' });
      assert.equal((await Code.findOne({ code: 'a ' }))?.label, 'spaced');
      assert.deepEqual((await Code.findMany({}, { orderBy: { code: 'asc' } })).map((c) => c.code), ['B', 'a', 'a ']);
      assert.equal(await Code.count({ code: { $gt: 'a' } }), 1);
    });

    it('a duplicate is a UniqueConstraintError naming the field, never the value', async () => {
      await Code.create({ code: 'zq7', label: 'one' });
      const error = await Code.create({ code: 'zq7', label: 'two' }).then(() => undefined, (e: unknown) => e as Error & { fields?: string[] });
      assert.equal(error?.name, 'UniqueConstraintError');
      assert.deepEqual(error?.fields, ['code']);
      assert.doesNotMatch(error!.message, /zq7/);
    });

    it('updateMany counts the rows it matched, also those it left as they were', async () => {
      await Account.insertMany([{ owner: 'o', balance: 1 }, { owner: 'o', balance: 2 }]);
      assert.equal(await Account.updateMany({ owner: 'o' }, { balance: 1 }), 2);
    });

    it('a $in list longer than a statement can bind travels as one JSON value, with the column\'s comparison', async () => {
      await Code.create({ code: 'a ', label: 'spaced', amount: '1.5' });
      await Code.create({ code: 'b', label: 'plain', amount: '2' });
      const many = Array.from({ length: 70_000 }, (_, i) => `k${i}`);
      assert.deepEqual((await Code.findMany({ code: { $in: [...many, 'a '] } })).map((c) => c.label), ['spaced']);
      assert.equal(await Code.count({ code: { $in: [...many, 'a'] } }), 0, 'no trailing-space padding');
      assert.equal(await Code.count({ code: { $nin: [...many, 'b'] } }), 1);
      const amounts = Array.from({ length: 1500 }, (_, i) => `${i}.25`);
      assert.equal(await Code.count({ amount: { $in: [...amounts, '1.50'] } }), 1);
    });

    it('sorting on a json path takes object keys, and array positions for all-digits keys', async () => {
      await Doc.insertMany([
        { name: 'b', body: { tags: ['y', 'z'] } },
        { name: 'a', body: { tags: ['x'] } },
        { name: 'n', body: { tags: { 0: 'w' } } },
        { name: 'none', body: null },
      ]);
      const names = async (dir: 'asc' | 'desc') => (await Doc.findMany({}, { orderBy: { 'body.tags.0': dir } })).map((d) => d.name);
      assert.deepEqual(await names('asc'), ['none', 'n', 'a', 'b']);
      assert.deepEqual(await names('desc'), ['b', 'a', 'n', 'none']);
    });

    it('decimals are exact, as strings', async () => {
      const c = await Code.create({ code: 'dec', label: 'd', amount: '12345678901234567890.123456789' });
      assert.equal((await Code.findById(c.id))?.amount, '12345678901234567890.123456789');
      assert.equal(await Code.count({ amount: { $gt: '12345678901234567890.12345678' } }), 1);
    });

    it('a statement over statementTimeoutMs is a QueryError', async () => {
      const { sql } = await import('drizzle-orm');
      const slow = DatabaseFactory.createDatabase({ name: 'my_slow', url, options: { statementTimeoutMs: 100 } });
      try {
        // A four-way cross join of the collations: many seconds of work, interrupted after 100 ms.
        const huge = sql`SELECT COUNT(*) FROM information_schema.COLLATIONS a, information_schema.COLLATIONS b, information_schema.COLLATIONS c, information_schema.COLLATIONS d`;
        const error = await slow.drizzle.execute(huge).then(() => undefined, (e: unknown) => e);
        assert.ok((error as { cause?: unknown })?.cause instanceof QueryError, String(error));
      } finally {
        await DatabaseFactory.removeDatabase('my_slow');
      }
    });

    it('a deadlock is a retryable TransactionError', async () => {
      const [a, b] = await Account.insertMany([{ owner: 'a' }, { owner: 'b' }]);
      let bothLocked!: () => void;
      const locked = new Promise<void>((r) => (bothLocked = r));
      let count = 0;
      const step = async (first: Account, second: Account) => {
        await Account.updateMany({ id: first.id }, { balance: 1 });
        if (++count === 2) bothLocked();
        await locked;
        await Account.updateMany({ id: second.id }, { balance: 2 });
      };
      const results = await Promise.allSettled([db.transaction(() => step(a!, b!)), db.transaction(() => step(b!, a!))]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      assert.equal(failed.length, 1, 'the server picks one victim');
      assert.ok(failed[0] instanceof TransactionError && failed[0].retryable, String(failed[0]));
    });

    it('a lock not granted within innodb_lock_wait_timeout is a retryable TransactionError', async () => {
      const [a] = await Account.insertMany([{ owner: 'held' }]);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      const holder = db.transaction(async () => {
        await Account.updateMany({ id: a!.id }, { balance: 1 });
        holding();
        await released;
      });
      await held;
      const error = await db
        .transaction(async () => {
          await onTransaction('SET SESSION innodb_lock_wait_timeout = 1');
          await Account.updateMany({ id: a!.id }, { balance: 2 });
        })
        .then(() => undefined, (e: unknown) => e);
      release();
      await holder;
      assert.ok(error instanceof TransactionError && error.retryable, String(error));
    });
  });
}
