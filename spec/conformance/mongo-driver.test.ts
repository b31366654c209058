/**
 * The MongoDB driver through its Driver methods, against MONGODB_URL (a real mongod or the mongomock-wire
 * stand-in: `eval "$(scripts/mongo-standin.sh)" && export MONGODB_URL`). Without MONGODB_URL the file is skipped
 * loudly, or fails when CI=true.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { ConfigError, ConnectionError, TransactionError, UniqueConstraintError } from '../../lib/errors';
import { Field, Index, Model, Unique } from '../../lib/metadata/decorators';
import { modelMeta } from '../../lib/metadata/model-meta';
import { and, cmp, type FilterNode } from '../../lib/query/filter-ast';
import { parseRegexOperand } from '../../lib/query/filter-regex-operand';
import type { Driver, StoredRow } from '../../lib/drivers/driver';
import { createMongoDriver } from '../../lib/drivers/mongodb/mongo-driver';
import { MAX_UNDO_DOCUMENTS } from '../../lib/drivers/mongodb/mongo-undo';
import { declaredCapabilities, itIf } from '../support/capabilities';
import { Coded } from '../support/fake-codecs';
import { missingBackend } from '../support/missing-backend';

const url = process.env.MONGODB_URL;


@Model({ database: 'mongo_conformance', collection: 'people', indexes: [{ fields: ['team', 'rank'], unique: true, name: 'people_team_rank_key' }] })
class Person {
  id!: string;
  @Field() name!: string;
  @Field({ type: 'int', nullable: true }) age?: number;
  @Field({ nullable: true }) @Unique() email?: string;
  @Field({ type: 'decimal', nullable: true }) balance?: string;
  @Field({ nullable: true }) born?: Date;
  @Field({ type: 'json', nullable: true }) address?: Record<string, unknown>;
  @Field({ nullable: true }) @Index() team?: string;
  @Field({ type: 'int', nullable: true }) rank?: number;
  @Field({ name: 'nick_name', nullable: true }) nick?: string;
  @Coded() @Unique() cpf?: string;
}

/** Same collection as a model whose unique index cannot be built over the rows `Person` allows. */
@Model({ database: 'mongo_conformance', collection: 'people' })
class PersonByName {
  id!: string;
  @Field() @Unique({ name: 'people_name_key' }) name!: string;
}

const meta = modelMeta(Person);
const f = (property: string) => meta.byProperty.get(property)!;

function row(values: Partial<Record<string, unknown>>): StoredRow {
  const out: StoredRow = {};
  for (const field of meta.fields) out[field.column] = values[field.column] ?? null;
  return out;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

if (!url) {
  missingBackend('MongoDB driver conformance (scripts/mongo-standin.sh starts a stand-in)', 'MONGODB_URL');
} else {
  const databaseName = `essencia_driver_${process.pid}_${Date.now()}`;
  let driver: Driver;
  let raw: MongoClient;
  let db: Db;
  const ids: Record<string, string> = {};

  describe('mongodb driver', () => {
    beforeAll(async () => {
      driver = createMongoDriver({ name: 'mongo_conformance', type: 'mongodb', url, databaseName, options: { connectTimeoutMs: 5000 } });
      await Promise.all([driver.connect(), driver.connect()]);
      raw = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
      db = raw.db(databaseName);
    });

    afterAll(async () => {
      await db?.dropDatabase().catch(() => undefined);
      await raw?.close();
      await driver?.close();
      await driver?.close();
    });

    test('sync creates the collection and indexes, and is idempotent', async () => {
      await driver.sync([meta]);
      await driver.sync([meta]);
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      assert.ok(names.includes('people'));
      const indexes = (await db.collection('people').listIndexes().toArray()).map((i) => i.name as string);
      for (const index of meta.indexes) assert.ok(indexes.includes(index.name), `index ${index.name} in ${indexes.join(', ')}`);
    });

    test('insert in one call and read back: ids, absent nulls, decimals, dates, JSON', async () => {
      ids.ana = driver.newId();
      ids.bia = driver.newId();
      assert.match(ids.ana, /^[0-9a-f]{24}$/);
      const born = new Date('1990-05-01T12:00:00.000Z');
      await driver.insert(meta, [
        row({ id: ids.ana, name: 'Ana', age: 30, email: 'ana@x.co', balance: '12.50', born, address: { city: 'SP', tags: ['a'] }, team: 'red', rank: 1, nick_name: 'an\na' }),
        row({ id: ids.bia, name: 'Bia', age: null, team: 'red', rank: 2, nick_name: '50% off' }),
        row({ id: 'user-cris', name: 'cris', age: 20, address: { city: 'Rio' }, team: 'blue', rank: 1, cpf: 'enc:1', cpf_bidx: 'h:1' }),
        row({ id: 'user-davi', name: 'Davi', age: 41, balance: '1E+3', team: 'blue', rank: 2 }),
      ]);
      const stored = await db.collection('people').findOne({ _id: new ObjectId(ids.bia) });
      assert.ok(stored, 'a 24-hex id is stored as an ObjectId');
      assert.equal('age' in stored, false, 'null fields are not stored');
      assert.equal((await db.collection('people').findOne({ _id: 'user-cris' as never }))?.name, 'cris');

      const ana = await driver.findById(meta, ids.ana, undefined);
      assert.deepEqual(ana, {
        id: ids.ana, name: 'Ana', age: 30, email: 'ana@x.co', balance: '12.50', born, address: { city: 'SP', tags: ['a'] },
        team: 'red', rank: 1, nick_name: 'an\na', cpf: null, cpf_bidx: null,
      });
      assert.equal((await driver.findById(meta, 'user-davi', undefined))?.balance, '1000');
      assert.equal((await driver.findById(meta, ids.bia, undefined))?.age, null);
    });

    test('findById: malformed or unknown ids are simply not found; scope applies', async () => {
      for (const id of ['', 'zz', 'not an id', '65f1c0ffee0000000000beef', ids.ana!.toUpperCase()]) {
        assert.equal(await driver.findById(meta, id, undefined), undefined, `id '${id}'`);
      }
      assert.equal(driver.isValidId('anything'), true);
      assert.equal(driver.isValidId(''), false);
      assert.equal(await driver.findById(meta, ids.ana!, cmp(f('team'), 'eq', 'blue')), undefined);
      assert.equal((await driver.findById(meta, ids.ana!, cmp(f('team'), 'eq', 'red')))?.name, 'Ana');
    });

    const names = async (filter: FilterNode | undefined) =>
      (await driver.find(meta, { filter, sort: [{ ref: { field: f('name'), path: [] }, direction: 'asc' }] })).map((r) => r.name);

    test('filters keep MongoDB meaning: null matches absent, ne/nin match null, ranges never do, in [] nothing', async () => {
      assert.deepEqual(await names(cmp(f('age'), 'eq', null)), ['Bia']);
      assert.deepEqual(await names(cmp(f('email'), 'eq', null)), ['Bia', 'Davi', 'cris']);
      assert.deepEqual(await names(cmp(f('age'), 'ne', 30)), ['Bia', 'Davi', 'cris']);
      assert.deepEqual(await names(cmp(f('age'), 'nin', [30, 41])), ['Bia', 'cris']);
      assert.deepEqual(await names(cmp(f('age'), 'lt', 100)), ['Ana', 'Davi', 'cris']);
      assert.deepEqual(await names(cmp(f('age'), 'gte', 30)), ['Ana', 'Davi']);
      assert.deepEqual(await names(cmp(f('age'), 'in', [])), []);
      assert.deepEqual(await names(cmp(f('age'), 'exists', true)), ['Ana', 'Davi', 'cris']);
      assert.deepEqual(await names(cmp(f('age'), 'exists', false)), ['Bia']);
      assert.deepEqual(await names({ kind: 'not', node: cmp(f('age'), 'gt', 25) }), ['Bia', 'cris']);
      assert.deepEqual(await names({ kind: 'or', nodes: [cmp(f('team'), 'eq', 'blue'), cmp(f('age'), 'eq', null)] }), ['Bia', 'Davi', 'cris']);
      assert.deepEqual(await names(and([cmp(f('team'), 'eq', 'red'), cmp(f('rank'), 'gt', 1)])), ['Bia']);
      assert.deepEqual(await names(cmp(meta.id, 'in', [ids.ana, 'user-cris'])), ['Ana', 'cris']);
      assert.deepEqual(await names(cmp(f('balance'), 'eq', '12.50')), ['Ana']);
      assert.deepEqual(await names(cmp(f('address'), 'eq', 'Rio', ['city'])), ['cris']);
      assert.deepEqual(await names(cmp(f('address'), 'in', ['SP', 'Rio'], ['city'])), ['Ana', 'cris']);
      assert.deepEqual(await names(cmp(f('address'), 'ne', 'SP', ['city'])), ['Bia', 'Davi', 'cris']);
      assert.deepEqual(await names(cmp(f('born'), 'lt', new Date('2000-01-01'))), ['Ana']);
    });

    test('like / ilike are anchored SQL patterns that match newlines; regex', async () => {
      assert.deepEqual(await names(cmp(f('name'), 'like', 'C%')), []);
      assert.deepEqual(await names(cmp(f('name'), 'ilike', 'C%')), ['cris']);
      assert.deepEqual(await names(cmp(f('name'), 'like', '_i_')), ['Bia']);
      assert.deepEqual(await names(cmp(f('nick'), 'like', 'an_a')), ['Ana']);
      assert.deepEqual(await names(cmp(f('nick'), 'like', 'a%')), ['Ana']);
      assert.deepEqual(await names(cmp(f('nick'), 'like', '50\\% off')), ['Bia']);
      assert.deepEqual(await names(cmp(f('nick'), 'like', '50\\%')), []);
      assert.deepEqual(await names(cmp(f('name'), 'like', '.*')), []);
      assert.deepEqual(await names(cmp(f('name'), 'regex', parseRegexOperand('name', /^[ab]/i, undefined))), ['Ana', 'Bia']);
      assert.deepEqual(await names(cmp(f('name'), 'regex', parseRegexOperand('name', /^[ab]/, undefined))), []);
    });

    test('sort with tie-breaker, limit, offset, projection, count', async () => {
      const sorted = await driver.find(meta, {
        sort: [{ ref: { field: f('team'), path: [] }, direction: 'desc' }, { ref: { field: f('rank'), path: [] }, direction: 'desc' }],
      });
      assert.deepEqual(sorted.map((r) => r.name), ['Bia', 'Ana', 'Davi', 'cris']);
      const page = await driver.find(meta, { sort: [{ ref: { field: f('name'), path: [] }, direction: 'asc' }], limit: 2, offset: 1 });
      assert.deepEqual(page.map((r) => r.name), ['Bia', 'Davi']);
      assert.deepEqual(await driver.find(meta, { limit: 0 }), []);
      const partial = await driver.find(meta, { filter: cmp(f('name'), 'eq', 'Ana'), fields: [f('name'), f('nick')] });
      assert.deepEqual(partial, [{ id: ids.ana, name: 'Ana', nick_name: 'an\na' }]);
      assert.equal(await driver.count(meta, undefined), 4);
      assert.equal(await driver.count(meta, cmp(f('team'), 'eq', 'red')), 2);
      assert.equal(await driver.count(meta, cmp(f('team'), 'in', [])), 0);
    });

    test('updates $set / $unset and count matched documents; delete counts', async () => {
      assert.equal(await driver.updateById(meta, ids.bia!, { age: 25, nick_name: null }), 1);
      const bia = await db.collection('people').findOne({ _id: new ObjectId(ids.bia) });
      assert.equal(bia?.age, 25);
      assert.equal(bia && 'nick_name' in bia, false, 'null is $unset');
      assert.equal(await driver.updateById(meta, ids.bia!, { age: 25 }), 1, 'a no-op update of an existing row counts');
      assert.equal(await driver.updateById(meta, ids.bia!, {}), 1);
      assert.equal(await driver.updateById(meta, 'missing', { age: 1 }), 0);
      assert.equal(await driver.updateMany(meta, cmp(f('team'), 'eq', 'blue'), { address: { city: 'BH' } }), 2);
      assert.deepEqual(await names(cmp(f('address'), 'eq', 'BH', ['city'])), ['Davi', 'cris']);
      assert.equal(await driver.updateMany(meta, cmp(f('team'), 'eq', 'none'), { age: 1 }), 0);
      await driver.insert(meta, [row({ id: 'tmp-1', name: 'Tmp' }), row({ id: 'tmp-2', name: 'Tmp' })]);
      assert.equal(await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Tmp')), 2);
      assert.equal(await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Tmp')), 0);
    });

    test('stream yields batches and closes its cursor on early exit', async () => {
      const many = Array.from({ length: 25 }, (_, i) => row({ id: `s-${String(i).padStart(2, '0')}`, name: 'Streamed', rank: i }));
      await driver.insert(meta, many);
      const spec = { filter: cmp(f('name'), 'eq', 'Streamed'), sort: [{ ref: { field: f('rank'), path: [] }, direction: 'asc' as const }] };
      const sizes: number[] = [];
      const seen: unknown[] = [];
      for await (const batch of driver.stream(meta, spec, 10)) {
        sizes.push(batch.length);
        seen.push(...batch.map((r) => r.rank));
      }
      assert.deepEqual(sizes, [10, 10, 5]);
      assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i));
      for await (const batch of driver.stream(meta, spec, 4)) {
        assert.equal(batch.length, 4);
        break;
      }
      assert.equal(await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Streamed')), 25);
    });

    test('duplicates: UniqueConstraintError naming properties (derived → its field), never values', async () => {
      const dup = async (r: StoredRow, fields: string[]) => {
        await assert.rejects(async () => driver.insert(meta, [r]), (e: unknown) => {
          assert.ok(e instanceof UniqueConstraintError, `got ${String(e)}`);
          assert.deepEqual(e.fields, fields);
          assert.equal(e.model, 'Person');
          assert.ok(e.cause, 'keeps the original');
          assert.doesNotMatch(e.message, /ana@x\.co|h:1/);
          return true;
        });
      };
      // Each duplicate row holds fresh values for the other unique keys: the stand-in names the first unique index
      // that any stored document matches, absent values included (a real mongod reports the colliding index).
      const fresh = (n: number) => ({ email: `fresh${n}@x.co`, cpf: `enc:f${n}`, cpf_bidx: `h:f${n}`, team: `t${n}`, rank: n });
      await dup(row({ ...fresh(1), id: 'dup-1', name: 'X', email: 'ana@x.co' }), ['email']);
      await dup(row({ ...fresh(2), id: 'dup-2', name: 'X', cpf: 'enc:1', cpf_bidx: 'h:1' }), ['cpf']);
      await dup(row({ ...fresh(3), id: 'dup-3', name: 'X', team: 'red', rank: 1 }), ['team', 'rank']);
      await dup(row({ ...fresh(4), id: ids.ana, name: 'X' }), ['id']);
      // Many rows without the unique value are fine (nulls are absent and the index is partial), as on SQL.
      await driver.insert(meta, [row({ id: 'n-1', name: 'N' }), row({ id: 'n-2', name: 'N' })]);
      // insertMany is ordered: rows before the duplicate are written, the rest are not.
      await assert.rejects(
        async () => driver.insert(meta, [row({ id: 'o-1', name: 'O' }), row({ id: 'o-2', name: 'O', email: 'ana@x.co' }), row({ id: 'o-3', name: 'O' })]),
        UniqueConstraintError,
      );
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'O')), 1);
      await assert.rejects(async () => driver.updateById(meta, 'o-1', { email: 'ana@x.co' }), UniqueConstraintError);
      await driver.deleteMany(meta, cmp(f('name'), 'in', ['N', 'O']));
    });

    test('sync over existing duplicates fails naming the index', async () => {
      await driver.insert(meta, [row({ id: 'twin-1', name: 'Twin' }), row({ id: 'twin-2', name: 'Twin' })]);
      await assert.rejects(driver.sync([modelMeta(PersonByName)]), (e: unknown) => {
        assert.ok(e instanceof ConfigError, `got ${String(e)}`);
        assert.match(e.message, /people_name_key/);
        return true;
      });
      await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Twin'));
    });

    test('transactions follow the capabilities', async () => {
      const caps = driver.capabilities;
      assert.equal(caps.savepoints, caps.transactions, 'nested transactions are emulated wherever transactions work');
      assert.equal(caps.cursors, true);
      if (!caps.transactions) {
        await assert.rejects(driver.transaction(async () => 1), (e: unknown) => {
          assert.ok(e instanceof TransactionError);
          assert.match(e.message, /MongoDB transactions need a replica set \(or sharded cluster\)/);
          return true;
        });
        return;
      }
      const result = await driver.transaction(async (tx) => {
        await driver.insert(meta, [row({ id: 'tx-1', name: 'Tx' })], tx);
        assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx'), tx), 1, 'reads inside see the write');
        if (caps.transactionIsolation) assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx')), 0, 'outside does not');
        return 'done';
      });
      assert.equal(result, 'done');
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx')), 1, 'committed');

      const boom = new Error('boom');
      await assert.rejects(
        driver.transaction(async (tx) => {
          await driver.insert(meta, [row({ id: 'tx-2', name: 'Tx' })], tx);
          await driver.updateById(meta, 'tx-1', { age: 9 }, tx);
          throw boom;
        }),
        (e: unknown) => e === boom,
      );
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx')), 1, 'rolled back insert');
      assert.equal((await driver.findById(meta, 'tx-1', undefined))?.age, null, 'rolled back update');

      // Nested: the inner callback runs in the parent's session and aborts with it.
      await assert.rejects(
        driver.transaction(async (tx) => {
          await driver.transaction(async (inner) => {
            await driver.insert(meta, [row({ id: 'tx-3', name: 'Tx' })], inner);
          }, tx);
          throw boom;
        }),
        (e: unknown) => e === boom,
      );
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx')), 1);

      // A nested scope that throws is undone inside the transaction; the outer work commits.
      await driver.transaction(async (tx) => {
        await driver.updateById(meta, 'tx-1', { age: 1 }, tx);
        await assert.rejects(
          driver.transaction(async (inner) => {
            await driver.insert(meta, [row({ id: 'tx-4', name: 'Tx' })], inner);
            await driver.updateById(meta, 'tx-1', { age: 2 }, inner);
            await driver.deleteMany(meta, cmp(f('id'), 'eq', 'tx-1'), inner);
            throw boom;
          }, tx),
          (e: unknown) => e === boom,
        );
      });
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Tx')), 1, 'the nested insert and delete were undone');
      assert.equal((await driver.findById(meta, 'tx-1', undefined))?.age, 1, 'the nested update was undone, the outer one kept');
      await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Tx'));
    });

    itIf(declaredCapabilities('mongodb').transactions, 'capability transactions: absent on this server')('a nested scope that throws after changing more documents than it can undo fails the whole transaction', async () => {
      const many = Array.from({ length: MAX_UNDO_DOCUMENTS + 1 }, (_, i) => row({ id: `bulk-${i}`, name: 'Bulk' }));
      await driver.insert(meta, many);
      const boom = new Error('boom');
      let nested: unknown;
      const outcome = await driver
        .transaction(async (tx) => {
          await driver.insert(meta, [row({ id: 'outer-1', name: 'Outer' })], tx);
          nested = await driver
            .transaction(async (inner) => {
              await driver.updateMany(meta, cmp(f('name'), 'eq', 'Bulk'), { age: 7 }, inner);
              throw boom;
            }, tx)
            .catch((e: unknown) => e);
          return 'the caller caught it and went on';
        })
        .catch((e: unknown) => e);
      assert.ok(nested instanceof TransactionError, `the nested call: ${String(nested)}`);
      assert.equal(nested.cause, boom);
      assert.match(nested.message, /more than 1000 documents/);
      assert.ok(outcome instanceof TransactionError, `the whole transaction: ${String(outcome)}`);
      assert.equal(await driver.count(meta, cmp(f('name'), 'eq', 'Outer')), 0, 'nothing of it committed');
      assert.equal(await driver.count(meta, cmp(f('age'), 'eq', 7)), 0);
      await driver.deleteMany(meta, cmp(f('name'), 'eq', 'Bulk'));
    });

    test('a closed port is a ConnectionError within the timeout, naming the host but not the password', async () => {
      const port = await freePort();
      const down = createMongoDriver({
        name: 'down', type: 'mongodb', url: `mongodb://essencia:s3cret-pw@127.0.0.1:${port}/app`, options: { connectTimeoutMs: 1000 },
      });
      const started = Date.now();
      await assert.rejects(down.connect(), (e: unknown) => {
        assert.ok(e instanceof ConnectionError, `got ${String(e)}`);
        assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
        assert.doesNotMatch(e.message, /s3cret-pw/);
        assert.ok(e.cause);
        return true;
      });
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
      await assert.rejects(down.connect(), ConnectionError, 'a failed connect is not memoized');
      await down.close();
      await down.close();
    });

    test('close is idempotent and the driver can connect again', async () => {
      const other = createMongoDriver({ name: 'again', type: 'mongodb', url, databaseName, options: {} });
      await other.connect();
      await other.close();
      await other.close();
      await other.connect();
      assert.equal(await other.count(meta, undefined), await driver.count(meta, undefined));
      await other.close();
    });
  });
}
