import 'reflect-metadata';
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Decimal128, Long, MongoBulkWriteError, MongoServerError, MongoServerSelectionError, ObjectId } from 'mongodb';
import { ConfigError, ConnectionError, QueryError, TransactionError, UniqueConstraintError, ValidationError } from '../../lib/errors';
import { Field, Model, Unique } from '../../lib/metadata/decorators';
import { modelMeta } from '../../lib/metadata/model-meta';
import { databaseOf, hostsOf, mongoSettings } from '../../lib/drivers/mongodb/mongo-config';
import { convertMongoError } from '../../lib/drivers/mongodb/mongo-errors';
import { indexSpec } from '../../lib/drivers/mongodb/mongo-sync';
import { hasErrorLabel } from '../../lib/drivers/mongodb/mongo-transactions';
import { NEEDS_REPLICA_SET, serverFacts } from '../../lib/drivers/mongodb/mongo-topology';
import { fromDocument, insertDocumentBuilder, toUpdateDocument } from '../../lib/drivers/mongodb/mongo-documents';
import { plainDecimal, toStoredId } from '../../lib/drivers/mongodb/mongo-values';
import { newObjectIdHex } from '../../lib/drivers/mongodb/object-id-hex';
import { Coded } from '../support/fake-codecs';


@Model({ database: 'mongo_unit_values', collection: 'accounts', indexes: [{ fields: ['name', 'cpf'], unique: true, name: 'pair_key' }] })
class Account {
  id!: string;
  @Field() name!: string;
  @Field({ type: 'decimal', nullable: true }) balance?: string;
  @Field({ type: 'json', nullable: true }) tags?: string[];
  @Field({ name: 'e_mail' }) @Unique() email!: string;
  @Coded() @Unique() cpf?: string;
}

const meta = modelMeta(Account);
const HEX = '65f1c0ffee0000000000beef';

test('insert documents: _id converted, null and undefined left out, decimals as Decimal128', () => {
  const doc = insertDocumentBuilder(meta)({ id: HEX, name: 'Ana', balance: '12.50', tags: ['a'], e_mail: null, cpf: undefined, cpf_bidx: 'h:1' });
  assert.ok(doc._id instanceof ObjectId && doc._id.toHexString() === HEX);
  assert.ok(doc.balance instanceof Decimal128 && doc.balance.toString() === '12.50');
  assert.deepEqual(Object.keys(doc), ['_id', 'name', 'balance', 'tags', 'cpf_bidx']);
  assert.equal(insertDocumentBuilder(meta)({ id: 'user-1', name: 'B' })._id, 'user-1');
});

test('insert documents of rows with every value present: the same document, keys in field order; unsafe JSON keys refused', () => {
  const row = { id: HEX, name: 'Ana', balance: '1.5E+2', tags: ['a'], e_mail: 'ana@example.com', cpf: 'enc:1', cpf_bidx: 'h:1' };
  const doc = insertDocumentBuilder(meta)(row);
  assert.deepEqual(Object.keys(doc), ['_id', 'name', 'balance', 'tags', 'e_mail', 'cpf', 'cpf_bidx']);
  assert.ok(doc._id instanceof ObjectId && doc._id.toHexString() === HEX);
  assert.ok(doc.balance instanceof Decimal128 && doc.balance.toString() === '150');
  assert.deepEqual({ ...doc, _id: HEX, balance: '150' }, { _id: HEX, name: 'Ana', balance: '150', tags: ['a'], e_mail: 'ana@example.com', cpf: 'enc:1', cpf_bidx: 'h:1' });
  assert.throws(() => insertDocumentBuilder(meta)({ ...row, tags: { 'a.b': 1 } }), ValidationError);
  assert.throws(() => insertDocumentBuilder(meta)({ ...row, tags: { 'a.b': 1 }, e_mail: null }), ValidationError);
});

test('stored ids: only 24 lower-case hex digits become an ObjectId; any other string stays as it is', () => {
  assert.ok(toStoredId(HEX) instanceof ObjectId);
  for (const id of [HEX.toUpperCase(), HEX.slice(1), `${HEX}0`, 'user-42', '', '65f1c0ffee0000000000beeg']) assert.equal(toStoredId(id), id);
});

test('update documents: $set for values, $unset for nulls, nothing for an empty patch, the id never changes', () => {
  assert.deepEqual(toUpdateDocument(meta, { id: HEX, name: 'N', e_mail: null }), { $set: { name: 'N' }, $unset: { e_mail: '' } });
  assert.equal(toUpdateDocument(meta, {}), undefined);
  assert.equal(toUpdateDocument(meta, { id: 'x', unknown: 1 }), undefined);
});

test('stored rows: keyed by column, id as hex, absent as null, decimals as plain strings', () => {
  const row = fromDocument(meta, { _id: new ObjectId(HEX), name: 'Ana', balance: Decimal128.fromString('1E-7'), extra: 1 });
  assert.deepEqual(row, { id: HEX, name: 'Ana', balance: '0.0000001', tags: null, e_mail: null, cpf: null, cpf_bidx: null });
  assert.deepEqual(fromDocument(meta, { _id: 'u', name: 'x' }, [meta.byProperty.get('name')!]), { id: 'u', name: 'x' });
  const full = fromDocument(meta, { _id: 'u', name: 'x', balance: Decimal128.fromString('2'), tags: ['t'], e_mail: 'e', cpf: 'enc:1', cpf_bidx: Long.fromNumber(7) });
  assert.deepEqual(full, { id: 'u', name: 'x', balance: '2', tags: ['t'], e_mail: 'e', cpf: 'enc:1', cpf_bidx: 7 });
  assert.deepEqual(Object.keys(full), ['id', 'name', 'balance', 'tags', 'e_mail', 'cpf', 'cpf_bidx']);
});

test('plainDecimal expands exponents', () => {
  assert.equal(plainDecimal('1E+3'), '1000');
  assert.equal(plainDecimal('1.50E+2'), '150');
  assert.equal(plainDecimal('-1.5E-3'), '-0.0015');
  assert.equal(plainDecimal('12.50'), '12.50');
  assert.equal(plainDecimal('0E+2'), '0');
});

test('settings: database name from config, URL path or default; options mapped; hosts without credentials', () => {
  const base = { name: 'docs', type: 'mongodb', options: {} };
  assert.equal(mongoSettings({ ...base, url: 'mongodb://h:1/app?x=1' }).databaseName, 'app');
  assert.equal(mongoSettings({ ...base, url: 'mongodb://h:1/app', databaseName: 'other' }).databaseName, 'other');
  assert.equal(mongoSettings({ ...base, url: 'mongodb://h:1/?replicaSet=rs' }).databaseName, 'essencia');
  assert.equal(mongoSettings({ ...base, url: 'mongodb+srv://c.example.net' }).databaseName, 'essencia');
  const s = mongoSettings({
    ...base,
    url: 'mongodb://u:p%40ss@a:1,b:2/app',
    options: { poolSize: 7, connectTimeoutMs: 1500, tls: { caFile: 'ca.pem' }, driverOptions: { retryWrites: false } },
  });
  assert.equal(s.hosts, 'a:1,b:2');
  assert.deepEqual(
    { ...s.clientOptions },
    { connectTimeoutMS: 1500, serverSelectionTimeoutMS: 1500, appName: 'essencia', maxPoolSize: 7, tls: true, tlsCAFile: 'ca.pem', retryWrites: false },
  );
  assert.equal(mongoSettings({ ...base, url: 'mongodb://h' }).clientOptions.serverSelectionTimeoutMS, 10_000);
  assert.throws(() => mongoSettings({ ...base, url: 'postgres://h/db' }), ConfigError);
  assert.throws(() => mongoSettings({ ...base, url: 'mongodb://h', options: { poolSize: 0 } }), ConfigError);
  assert.equal(hostsOf('mongodb://user:secret@host:27017/db'), 'host:27017');
  assert.equal(databaseOf('mongodb://h/a%20b'), 'a b');
});

test('server facts: replica set and mongos have transactions; standalone has none; the stand-in has no isolation', () => {
  const sessions = { logicalSessionTimeoutMinutes: 30, maxWireVersion: 21 };
  const rs = serverFacts({ ...sessions, setName: 'rs0' });
  assert.deepEqual({ ...rs.capabilities }, { savepoints: true, cursors: true, transactions: true, transactionIsolation: true, changeStreams: true });
  assert.equal(serverFacts({ ...sessions, msg: 'isdbgrid' }).capabilities.transactions, true);
  const alone = serverFacts(sessions, { version: '7.0.5' });
  assert.equal(alone.deployment, 'standalone');
  assert.equal(alone.capabilities.transactions, false);
  assert.equal(alone.capabilities.savepoints, false);
  assert.equal(alone.noTransactionsReason, NEEDS_REPLICA_SET);
  const standIn = serverFacts(sessions, { version: '6.0.0-mongomock-wire' });
  assert.equal(standIn.deployment, 'standIn');
  assert.deepEqual(
    { ...standIn.capabilities },
    { savepoints: true, cursors: true, transactions: true, transactionIsolation: false, changeStreams: false, decimalOrdering: false, exactJsonMatching: false },
  );
  // Only replica sets and mongos reply with operation times, which causally consistent sessions follow.
  assert.deepEqual([rs, serverFacts({ ...sessions, msg: 'isdbgrid' }), alone, standIn].map((f) => f.operationTimes), [true, true, false, false]);
  assert.equal(serverFacts({ setName: 'rs0', maxWireVersion: 21 }).operationTimes, false);
});

test('sync index specs: columns as keys, unique indexes partial on presence (many absent values allowed, as on SQL)', () => {
  const email = meta.indexes.find((i) => i.fields[0] === 'email')!;
  assert.deepEqual(indexSpec(meta, email), {
    key: { e_mail: 1 },
    options: { name: email.name, unique: true, partialFilterExpression: { e_mail: { $exists: true } } },
  });
  const pair = meta.indexes.find((i) => i.name === 'pair_key')!;
  assert.deepEqual(indexSpec(meta, pair).key, { name: 1, cpf_bidx: 1 });
  assert.deepEqual(indexSpec(meta, pair, { partialUnique: false }).options, { name: 'pair_key', unique: true, sparse: true });
});

test('duplicate keys become UniqueConstraintError with property names and no values', () => {
  const server = new MongoServerError({
    message: 'E11000 duplicate key error collection: db.accounts index: accounts_e_mail_key dup key: { e_mail: "ana@x.co" }',
    code: 11000,
    keyPattern: { e_mail: 1 },
    keyValue: { e_mail: 'ana@x.co' },
  });
  const u = convertMongoError(server, meta, 'h:1');
  assert.ok(u instanceof UniqueConstraintError);
  assert.deepEqual(u.fields, ['email']);
  assert.equal(u.model, 'Account');
  assert.equal(u.cause, server);
  assert.doesNotMatch(u.message, /ana@x\.co/);

  const derived = convertMongoError(new MongoServerError({ message: 'E11000', code: 11000, keyValue: { cpf_bidx: 'h:1' } }), meta, 'h:1');
  assert.deepEqual((derived as UniqueConstraintError).fields, ['cpf']);

  const bulk = new MongoBulkWriteError(
    {
      message: 'E11000 duplicate key error collection: db.accounts index: pair_key dup key: { name: "a", cpf_bidx: "h:1" }',
      code: 11000,
      writeErrors: [
        { err: { index: 1, code: 11000, errmsg: 'E11000 duplicate key error collection: db.accounts index: pair_key dup key: { name: "a" }', errInfo: undefined, op: {} } } as never,
      ],
    },
    { insertedCount: 1 } as never,
  );
  const b = convertMongoError(bulk, meta, 'h:1') as UniqueConstraintError;
  assert.ok(b instanceof UniqueConstraintError);
  assert.deepEqual(b.fields, ['name', 'cpf']);
  assert.doesNotMatch(b.message, /h:1|"a"/);

  const id = convertMongoError(new MongoServerError({ message: 'E11000 duplicate key error collection: db.accounts index: _id_ dup key: { _id: "x" }', code: 11000 }), meta, 'h');
  assert.deepEqual((id as UniqueConstraintError).fields, ['id']);
});

test('network errors become ConnectionError; others are returned unchanged', () => {
  const net = new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:1', { type: 'Unknown', servers: new Map() } as never);
  const c = convertMongoError(net, meta, '127.0.0.1:1');
  assert.ok(c instanceof ConnectionError);
  assert.match(c.message, /127\.0\.0\.1:1/);
  assert.equal(c.cause, net);
  const other = new MongoServerError({ message: 'bad', code: 2 });
  assert.equal(convertMongoError(other, meta, 'h'), other);
  const q = new QueryError('x');
  assert.equal(convertMongoError(q, meta, 'h'), q);
  assert.equal(convertMongoError('text', meta, 'h'), 'text');
});

test('a write conflict is a retryable TransactionError (the retry loop still sees its label); maxTimeMS is a QueryError', () => {
  const conflict = new MongoServerError({ message: 'WriteConflict', code: 112, codeName: 'WriteConflict', errorLabels: ['TransientTransactionError'] });
  const t = convertMongoError(conflict, undefined, 'h:1');
  assert.ok(t instanceof TransactionError && t.retryable, String(t));
  assert.equal(t.cause, conflict);
  assert.ok(hasErrorLabel(t, 'TransientTransactionError'), 'runTransaction reruns the callback for the converted error');
  assert.ok(convertMongoError(new MongoServerError({ message: 'time', code: 50, codeName: 'MaxTimeMSExpired' }), undefined, 'h:1') instanceof QueryError);
});

test('new ids: 24 lower-case hex digits that ObjectId reads back, with the current time and a counter', () => {
  const before = Math.floor(Date.now() / 1000);
  const ids = Array.from({ length: 1000 }, newObjectIdHex);
  const after = Math.floor(Date.now() / 1000);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.equal(new ObjectId(id).toHexString(), id);
    const seconds = new ObjectId(id).getTimestamp().getTime() / 1000;
    assert.ok(seconds >= before && seconds <= after);
  }
  // One process: the same 5 process bytes, the 3-byte counter going up by one (modulo 2^24).
  assert.equal(new Set(ids.map((id) => id.slice(8, 18))).size, 1);
  const counters = ids.map((id) => parseInt(id.slice(18), 16));
  for (let i = 1; i < counters.length; i++) assert.equal(counters[i], (counters[i - 1]! + 1) % 0x1000000);
});
