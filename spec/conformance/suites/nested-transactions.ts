import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { TransactionError, UniqueConstraintError } from '../../../lib';
import { AuditEntry, Document, Person } from '../../support/models';

class Boom extends Error {}
const person = (n: number) => ({ name: `Person ${n}`, email: `p${n}@example.com`, age: n });

/** A nested `transaction()` that throws leaves no trace of its writes, whatever they were, on every backend. */
export const nestedTransactionsSuite: Suite = (ctx) => {
  const withSavepoints = itIf(ctx.capabilities.savepoints, 'capability savepoints: absent on this backend');
  const withSavepointsAndCursors = itIf(
    ctx.capabilities.savepoints && ctx.capabilities.cursors,
    `capability ${ctx.capabilities.savepoints ? 'cursors' : 'savepoints'}: absent on this backend`,
  );
  const refusal = (settled: Promise<unknown>): Promise<unknown> => settled.then(() => undefined, (error: unknown) => error);

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

  withSavepoints('a statement failing among others sent at once in a nested scope undoes the whole scope; the outer commits', async () => {
    await Person.create(person(1));
    await ctx.main.transaction(async () => {
      await Person.create(person(2));
      await assert.rejects(
        ctx.main.transaction(async () => {
          await Promise.all([
            Person.create(person(3)),
            Person.create(person(4)),
            Person.create({ ...person(5), email: 'p1@example.com' }),
            Person.create(person(6)),
            Person.create(person(7)),
          ]);
        }),
        UniqueConstraintError,
      );
      await Person.create(person(8));
    });
    assert.deepEqual((await Person.findMany({}, { orderBy: { age: 'asc' } })).map((p) => p.age), [1, 2, 8]);
  });

  for (const inner of ['commits', 'throws'] as const) {
    withSavepoints(`a statement left running past the end of a nested scope that ${inner} is refused; the outer commits without it`, async () => {
      let late!: Promise<unknown>;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let refused: unknown;
      await ctx.main.transaction(async () => {
        await Person.create(person(1));
        const nested = ctx.main.transaction(async () => {
          await Person.create(person(2));
          // Started inside the nested scope (its handle is captured), sent only once that scope has ended.
          late = gate.then(() => Person.create(person(3)));
          if (inner === 'throws') throw new Boom('inner');
        });
        if (inner === 'throws') await assert.rejects(nested, Boom);
        else await nested;
        release();
        refused = await refusal(late);
        await Person.create(person(4));
      });
      assert.ok(refused instanceof TransactionError, `expected a TransactionError, got ${String(refused)}`);
      const ages = (await Person.findMany({}, { orderBy: { age: 'asc' } })).map((p) => p.age);
      assert.deepEqual(ages, inner === 'commits' ? [1, 2, 4] : [1, 4]);
    });
  }

  withSavepoints('a nested scope still running when the outer transaction ends has its statements refused', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let nested!: Promise<unknown>;
    await ctx.main.transaction(async () => {
      await Person.create(person(1));
      nested = ctx.main.transaction(async () => {
        await gate;
        await Person.create(person(2));
      });
      // Handled from the start: the outer commits before the nested scope settles.
      nested.catch(() => undefined);
    });
    release();
    const refused = await refusal(nested);
    assert.ok(refused instanceof TransactionError, `expected a TransactionError, got ${String(refused)}`);
    assert.deepEqual((await Person.findMany({})).map((p) => p.age), [1]);
  });

  /** Inside a transaction: a stream of the people by age, opened in a nested scope that read its first row. */
  const streamLeftByNestedScope = async (): Promise<AsyncIterator<Person>> => {
    let rows!: AsyncIterator<Person>;
    await ctx.main.transaction(async () => {
      rows = Person.query().orderBy('age').stream({ batchSize: 2 })[Symbol.asyncIterator]();
      assert.equal((await rows.next()).value?.age, 1);
    });
    return rows;
  };

  withSavepointsAndCursors('a stream opened in a nested scope and read past its end is refused; the outer goes on', async () => {
    await Person.insertMany([1, 2, 3, 4, 5].map(person));
    await ctx.main.transaction(async () => {
      const rows = await streamLeftByNestedScope();
      assert.equal((await rows.next()).value?.age, 2, 'the rest of a batch read inside the scope');
      const refused = await refusal(rows.next());
      assert.ok(refused instanceof TransactionError, `expected a TransactionError, got ${String(refused)}`);
      await Person.create(person(6));
      assert.equal(await Person.count(), 6);
    });
    assert.equal(await Person.count(), 6);
    const ages: number[] = [];
    for await (const p of Person.query().orderBy('age').stream({ batchSize: 4 })) ages.push(p.age);
    assert.deepEqual(ages, [1, 2, 3, 4, 5, 6]);
  });

  withSavepointsAndCursors('a stream opened in a nested scope and left before its end can be closed after it; the outer goes on', async () => {
    await Person.insertMany([1, 2, 3, 4, 5].map(person));
    await ctx.main.transaction(async () => {
      const rows = await streamLeftByNestedScope();
      assert.deepEqual(await rows.return!(), { done: true, value: undefined });
      await Person.create(person(6));
    });
    assert.equal(await Person.count(), 6);
  });
};
