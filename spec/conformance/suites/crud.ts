import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { NotFoundError, UniqueConstraintError, ValidationError } from '../../../lib';
import { itIf } from '../../support/capabilities';
import { countCalls, reset, type Suite } from '../../support/conformance';
import { Event, Person } from '../../support/models';
import { modelMeta } from '../../../lib/metadata/model-meta';

const person = (n: number, extra: Partial<Person> = {}) => ({ name: `Person ${n}`, email: `p${n}@example.com`, age: 20 + n, ...extra });

export const crudSuite: Suite = (ctx) => {
  beforeEach(() => reset(ctx.main, Person, Event));

  it('create inserts and returns an instance with a string id', async () => {
    const p = await Person.create(person(1, { address: { city: 'Recife', floor: 3 }, balance: '10.50', born: new Date('1990-05-01T00:00:00Z') }));
    assert.ok(p instanceof Person);
    assert.equal(typeof p.id, 'string');
    assert.ok(p.id.length > 0);
    const found = await Person.findById(p.id);
    assert.ok(found instanceof Person);
    assert.equal(found.name, 'Person 1');
    assert.equal(found.age, 21);
    assert.equal(found.active, true);
    assert.deepEqual(found.address, { city: 'Recife', floor: 3 });
    assert.equal(Number(found.balance), 10.5);
    assert.ok(found.born instanceof Date);
    assert.equal(found.born.toISOString(), '1990-05-01T00:00:00.000Z');
    assert.equal(found.score, null);
  });

  it('keeps a user-supplied string id', async () => {
    const p = await Person.create({ ...person(2), id: 'my-own-id' });
    assert.equal(p.id, 'my-own-id');
    assert.equal((await Person.findById('my-own-id'))?.email, 'p2@example.com');
  });

  it('findById returns null for unknown and malformed ids; findByIdOrFail throws NotFoundError', async () => {
    assert.equal(await Person.findById('0123456789abcdef01234567'), null);
    assert.equal(await Person.findById('not-an-id-of-any-kind'), null);
    assert.equal(await Person.findById(''), null);
    await assert.rejects(Person.findByIdOrFail('0123456789abcdef01234567'), NotFoundError);
  });

  it('save() updates only the changed columns and sends nothing when nothing changed', async () => {
    const p = await Person.create(person(3));
    const loaded = (await Person.findById(p.id))!;
    const updates = countCalls(ctx.main, 'updateById');
    try {
      await loaded.save();
      assert.equal(updates.calls.length, 0, 'an unchanged instance sends nothing');
      loaded.age = 99;
      await loaded.save();
      assert.equal(updates.calls.length, 1);
      assert.deepEqual(Object.keys(updates.calls[0]![2] as object), ['age']);
      loaded.address = { city: 'Natal' };
      await loaded.save();
      assert.deepEqual(Object.keys(updates.calls[1]![2] as object), ['address']);
      loaded.address!.city = 'Olinda';
      await loaded.save();
      assert.equal(updates.calls.length, 3, 'an in-place change of a JSON value is seen');
    } finally {
      updates.restore();
    }
    const again = (await Person.findById(p.id))!;
    assert.equal(again.age, 99);
    assert.deepEqual(again.address, { city: 'Olinda' });
  });

  it("a driver's failed write is a rejected promise, never a throw, whether or not it answers at once", async () => {
    const p = await Person.create(person(50));
    const meta = modelMeta(Person);
    const stored = (await ctx.main.driver.findById(meta, p.id, undefined))!;
    let answer: unknown;
    assert.doesNotThrow(() => (answer = ctx.main.driver.insert(meta, [stored])));
    assert.ok(answer instanceof Promise, 'a failure is never answered at once');
    await assert.rejects(answer as Promise<void>, UniqueConstraintError);
    assert.equal(await ctx.main.driver.updateById(meta, p.id, { [meta.fields.find((f) => f.property === 'age')!.column]: 71 }), 1);
    assert.equal((await Person.findById(p.id))?.age, 71);
  });

  it('reload() reads the stored values again', async () => {
    const p = await Person.create(person(4));
    await Person.updateMany({ id: p.id }, { age: 70 });
    assert.equal(p.age, 24);
    await p.reload();
    assert.equal(p.age, 70);
  });

  it('delete() removes the row; deleting it again is a NotFoundError', async () => {
    const p = await Person.create(person(5));
    const copy = (await Person.findById(p.id))!;
    await p.delete();
    assert.equal(await Person.findById(p.id), null);
    await assert.rejects(copy.delete(), NotFoundError);
    await assert.rejects(Person.build(person(6)).delete(), NotFoundError);
  });

  it('insertMany validates, inserts in one round trip per batch, and returns saved instances', async () => {
    const inserts = countCalls(ctx.main, 'insert');
    try {
      const saved = await Person.insertMany(Array.from({ length: 25 }, (_, i) => person(100 + i)), { batchSize: 10 });
      assert.equal(inserts.calls.length, 3);
      assert.equal(saved.length, 25);
      assert.ok(saved.every((p) => p instanceof Person && typeof p.id === 'string'));
    } finally {
      inserts.restore();
    }
    assert.equal(await Person.count(), 25);
    const one = (await Person.findOne({ email: 'p110@example.com' }))!;
    assert.equal(one.age, 130);
  });

  itIf(ctx.capabilities.transactions, 'capability transactions: absent, batches cannot be atomic')('insertMany over several batches with a duplicate writes nothing of them', async () => {
    await Person.create(person(7));
    const items = [person(8), person(9), person(7)];
    await assert.rejects(Person.insertMany(items, { batchSize: 2 }), UniqueConstraintError);
    assert.equal(await Person.count(), 1);
  });

  itIf(ctx.capabilities.transactions, 'capability transactions: absent, batches cannot be atomic')('insertMany over several batches of a model without rules or hooks (its own transaction, not ambient) writes nothing of them when a later batch fails', async () => {
    const kept = await Event.create({ seq: 1, payload: 'kept' });
    const items = [{ seq: 2, payload: 'a' }, { seq: 3, payload: 'b' }, { seq: 4, payload: 'c' }, { id: kept.id, seq: 5, payload: 'same id' }];
    await assert.rejects(Event.insertMany(items, { batchSize: 2 }), UniqueConstraintError);
    assert.deepEqual((await Event.findMany({})).map((e) => e.payload), ['kept']);
    const saved = await Event.insertMany(items.slice(0, 3), { batchSize: 2 });
    assert.deepEqual((await Event.findMany({}, { orderBy: { seq: 'asc' } })).map((e) => e.id), [kept.id, ...saved.map((e) => e.id)]);
  });

  itIf(ctx.capabilities.transactions, 'capability transactions: absent, batches cannot be atomic')('insertMany over several batches with invalid items in later ones writes nothing and names every one', async () => {
    const items = [person(1), person(2), person(3, { age: -1 }), person(4), person(5, { email: 'not an email' })];
    const error = await Person.insertMany(items, { batchSize: 2 }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.deepEqual(Object.keys(error.errors).sort(), ['2.age', '4.email']);
    assert.equal(await Person.count(), 0);
  });

  it('insertMany of one batch with a duplicate in it: SQL writes none of its rows, MongoDB the ones before the duplicate', async () => {
    await Person.create(person(7));
    await assert.rejects(Person.insertMany([person(8), person(9), person(7), person(10)]), UniqueConstraintError);
    // One SQL statement is all or nothing; MongoDB's ordered insert stops at the error.
    const kept = ctx.capabilities.sqlTables ? [7] : [7, 8, 9];
    assert.deepEqual((await Person.findMany({}, { orderBy: { age: 'asc' } })).map((p) => p.email), kept.map((n) => `p${n}@example.com`));
  });

  it('updateMany and deleteMany return counts', async () => {
    await Person.insertMany([person(10), person(11), person(12, { active: false })]);
    assert.equal(await Person.updateMany({ active: true }, { score: 1.5 }), 2);
    assert.equal(await Person.count({ score: 1.5 }), 2);
    assert.equal(await Person.updateMany({ name: 'nobody' }, { score: 2 }), 0);
    assert.equal(await Person.deleteMany({ active: true }), 2);
    assert.equal(await Person.count(), 1);
    assert.equal(await Person.deleteMany({}), 1);
    assert.equal(await Person.count(), 0);
  });

  it('exists and count', async () => {
    assert.equal(await Person.exists({ name: 'Person 13' }), false);
    await Person.create(person(13));
    assert.equal(await Person.exists({ name: 'Person 13' }), true);
    assert.equal(await Person.count({ name: 'Person 13' }), 1);
  });

  it('a unique violation is a UniqueConstraintError naming the field, not the value', async () => {
    await Person.create(person(14));
    const error = await Person.create({ ...person(15), email: 'p14@example.com' }).catch((e: unknown) => e);
    assert.ok(error instanceof UniqueConstraintError, String(error));
    assert.deepEqual(error.fields, ['email']);
    assert.equal(error.code, 'UNIQUE_CONSTRAINT');
    assert.ok(!error.message.includes('p14@example.com'));
    assert.ok(error.cause);
  });

  it('a field with a custom column name is stored and queried under that name', async () => {
    await Person.create(person(16, { nickname: 'zeca' }));
    assert.equal((await Person.findOne({ nickname: 'zeca' }))?.name, 'Person 16');
  });
};
