import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { AuditEntry, Document, Person } from '../../support/models';

class Boom extends Error {}
const person = (n: number) => ({ name: `Person ${n}`, email: `p${n}@example.com`, age: n });

/** A nested `transaction()` that throws leaves no trace of its writes, whatever they were, on every backend. */
export const nestedTransactionsSuite: Suite = (ctx) => {
  const withSavepoints = itIf(ctx.capabilities.savepoints, 'capability savepoints: absent on this backend');

  beforeEach(() => reset(ctx.main, Person, Document, AuditEntry));

  withSavepoints('a nested transaction that throws undoes its inserts, updates (save and updateMany) and deletes; the outer commits', async () => {
    const [a, b, c] = await Person.insertMany([person(1), person(2), person(3)]);
    await ctx.main.transaction(async () => {
      a!.age = 10;
      await a!.save();
      await assert.rejects(
        ctx.main.transaction(async () => {
          await Person.create(person(4));
          a!.age = 11;
          await a!.save();
          await Person.updateMany({ age: { $gte: 2 } }, { score: 1.5 });
          await Person.deleteMany({ id: c!.id });
          await Document.create({ owner: 'inner', title: 'with hooks' });
          assert.equal(await Person.count(), 3, 'the nested writes are visible inside');
          throw new Boom('inner');
        }),
        Boom,
      );
      assert.equal(await Person.count(), 3, 'undone at once, inside the outer transaction');
    });
    const rows = await Person.findMany({}, { orderBy: { age: 'asc' } });
    assert.deepEqual(rows.map((p) => [p.email, p.age, p.score ?? null]), [
      [b!.email, 2, null],
      [c!.email, 3, null],
      [a!.email, 10, null],
    ]);
    assert.equal(await Document.count(), 0);
    assert.equal(await AuditEntry.count(), 0, 'the hook write of the nested scope was undone too');
  });

  withSavepoints('a nested scope that succeeded is undone with the nested scope around it that throws', async () => {
    await ctx.main.transaction(async () => {
      await Person.create(person(1));
      await assert.rejects(
        ctx.main.transaction(async () => {
          await ctx.main.transaction(async () => {
            await Person.create(person(2));
            await Person.updateMany({}, { age: 99 });
          });
          await Person.create(person(3));
          throw new Boom('middle');
        }),
        Boom,
      );
      await ctx.main.transaction(async () => {
        await Person.create(person(4));
      });
    });
    const rows = await Person.findMany({}, { orderBy: { age: 'asc' } });
    assert.deepEqual(rows.map((p) => [p.name, p.age]), [['Person 1', 1], ['Person 4', 4]]);
  });

  withSavepoints('an outer transaction that throws undoes the nested scopes that succeeded', async () => {
    await assert.rejects(
      ctx.main.transaction(async () => {
        await ctx.main.transaction(async () => {
          await Person.create(person(1));
        });
        throw new Boom('outer');
      }),
      Boom,
    );
    assert.equal(await Person.count(), 0);
  });
};
