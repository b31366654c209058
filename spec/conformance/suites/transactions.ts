import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { TransactionError, UniqueConstraintError } from '../../../lib';
import { Appointment, AuditEntry, Document, Payment, Person, Visit } from '../../support/models';

const appt = (patientId: string) => ({ patientId, doctorName: 'Dr. T', appointmentDate: new Date() });
class Boom extends Error {}

export const transactionsSuite: Suite = (ctx) => {
  const needs = (...capabilities: ('transactions' | 'savepoints' | 'transactionIsolation' | 'cursors')[]) => {
    const absent = capabilities.find((c) => !ctx.capabilities[c]);
    return itIf(absent === undefined, `capability ${absent}: absent on this backend`);
  };

  beforeEach(async () => {
    Document.failAfterSave = false;
    await reset(ctx.main, Appointment, Payment, AuditEntry, Document);
    await reset(ctx.other, Visit);
  });

  needs('transactions')('commits when the callback returns, with its value', async () => {
    const result = await ctx.main.transaction(async () => {
      const a = await Appointment.create(appt('p1'));
      await Payment.create({ appointmentId: a.id, amountCents: 100 });
      return a.id;
    });
    assert.equal(typeof result, 'string');
    assert.equal(await Appointment.count(), 1);
    assert.equal(await Payment.count({ appointmentId: result }), 1);
  });

  needs('transactions')('rolls back everything when the callback throws, and rethrows', async () => {
    await assert.rejects(
      ctx.main.transaction(async () => {
        const a = await Appointment.create(appt('p1'));
        await Payment.create({ appointmentId: a.id, amountCents: 100 });
        assert.equal(await Appointment.count(), 1, 'reads inside see the transaction');
        throw new Boom('no');
      }),
      Boom,
    );
    assert.equal(await Appointment.count(), 0);
    assert.equal(await Payment.count(), 0);
  });

  needs('savepoints')('nested calls are savepoints: an inner failure keeps the outer work', async () => {
    await ctx.main.transaction(async () => {
      await Appointment.create(appt('outer'));
      await assert.rejects(
        ctx.main.transaction(async () => {
          await Appointment.create(appt('inner'));
          throw new Boom('inner');
        }),
        Boom,
      );
      await ctx.main.transaction(async () => {
        await Appointment.create(appt('inner-ok'));
      });
    });
    assert.deepEqual((await Appointment.findMany({}, { orderBy: { patientId: 'asc' } })).map((a) => a.patientId), ['inner-ok', 'outer']);
  });

  needs('transactions')('a statement left running past the end of its transaction is refused, never run outside it', async () => {
    let late!: Promise<unknown>;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await ctx.main.transaction(async () => {
      await Appointment.create(appt('inside'));
      // Started inside (the ambient transaction is captured), sent only once the transaction has committed.
      late = gate.then(() => Appointment.create(appt('late')));
    });
    release();
    const refused = await late.then(() => undefined, (error: unknown) => error);
    assert.ok(refused instanceof TransactionError, `expected a TransactionError, got ${String(refused)}`);
    assert.deepEqual((await Appointment.findMany({})).map((a) => a.patientId), ['inside']);
  });

  needs('transactions', 'cursors')('a stream left open when its transaction commits does not hold the commit back; reading it afterwards is refused', async () => {
    await Appointment.insertMany(['a', 'b', 'c', 'd', 'e'].map(appt));
    let rows!: AsyncIterator<Appointment>;
    await ctx.main.transaction(async () => {
      await Appointment.create(appt('f'));
      rows = Appointment.query().orderBy('patientId').stream({ batchSize: 2 })[Symbol.asyncIterator]();
      assert.equal((await rows.next()).value?.patientId, 'a');
    });
    assert.equal((await rows.next()).value?.patientId, 'b', 'the rest of a batch read inside the transaction');
    const refused = await rows.next().then(() => undefined, (error: unknown) => error);
    assert.ok(refused instanceof TransactionError, `expected a TransactionError, got ${String(refused)}`);
    assert.deepEqual(await rows.return!(), { done: true, value: undefined });
    assert.equal(await Appointment.count(), 6);
  });

  needs('transactions')('statements sent at once inside one transaction all run in it, and all roll back together', async () => {
    const ids = await ctx.main.transaction(async () => {
      const made = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((p) => Appointment.create(appt(p))));
      assert.equal(await Appointment.count(), 6);
      return made.map((a) => a.id);
    });
    assert.equal(await Appointment.count({ id: { $in: ids } }), 6);
    await assert.rejects(
      ctx.main.transaction(async () => {
        await Promise.all(['g', 'h', 'i', 'j'].map((p) => Appointment.create(appt(p))));
        throw new Boom('undo');
      }),
      Boom,
    );
    assert.equal(await Appointment.count(), 6);
  });

  needs('transactions')('a statement failing among others sent at once rolls the whole transaction back and is what it reports', async () => {
    await reset(ctx.main, Person);
    await Person.create({ name: 'Ana', email: 'ana@example.com' });
    const attempt = ctx.main.transaction(async () => {
      await Promise.all([
        Appointment.create(appt('one')),
        Person.create({ name: 'Copy', email: 'ana@example.com' }),
        Appointment.create(appt('two')),
        Appointment.create(appt('three')),
        Appointment.create(appt('four')),
      ]);
    });
    await assert.rejects(attempt, UniqueConstraintError);
    assert.equal(await Appointment.count(), 0);
    assert.equal(await Person.count(), 1);
  });

  needs('transactions', 'transactionIsolation')('concurrent transactions do not see each other', async () => {
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const first = ctx.main.transaction(async () => {
      await Appointment.create(appt('uncommitted'));
      wrote();
      await new Promise((r) => setTimeout(r, 100));
      throw new Boom('roll back');
    });
    // Handled from the start: `first` may reject while the second transaction is still running.
    const rolledBack = assert.rejects(first, Boom);
    await written;
    const seen = await ctx.main.transaction(async () => Appointment.count({ patientId: 'uncommitted' }));
    await rolledBack;
    assert.equal(seen, 0);
    assert.equal(await Appointment.count(), 0);
  });

  // Without isolation (the MongoDB stand-in), an abort may restore other databases too.
  needs('transactions', 'transactionIsolation')('other databases are untouched by a rollback', async () => {
    await assert.rejects(
      ctx.main.transaction(async () => {
        await Appointment.create(appt('p1'));
        await Visit.create({ personId: 'p1', note: 'kept' });
        throw new Boom('no');
      }),
      Boom,
    );
    assert.equal(await Appointment.count(), 0);
    assert.equal(await Visit.count({ note: 'kept' }), 1);
  });

  needs('transactions')('hooks run in order and inside the same transaction', async () => {
    const doc = await Document.create({ owner: 'ana', title: 'one' });
    assert.equal(doc.saves, 1, '@BeforeSave ran before the insert');
    assert.equal((await Document.findById(doc.id))!.loads, 1, '@AfterLoad ran on load');
    assert.equal(await AuditEntry.count({ action: 'saved', subject: 'one' }), 1);
    await assert.rejects(
      ctx.main.transaction(async () => {
        await Document.create({ owner: 'ana', title: 'two' });
        throw new Boom('no');
      }),
      Boom,
    );
    assert.equal(await AuditEntry.count({ subject: 'two' }), 0, 'the hook write rolled back with the transaction');
    Document.failAfterSave = true;
    await assert.rejects(Document.create({ owner: 'ana', title: 'three' }), /after-save hook failed/);
    assert.equal(await Document.count({ title: 'three' }), 0, 'a failing @AfterSave undoes its save');
    Document.failAfterSave = false;
    await doc.delete();
    assert.deepEqual((await AuditEntry.findMany({ subject: 'one' })).map((e) => e.action).sort(), ['deleted', 'deleting', 'saved']);
  });

  it('a compound unique index is enforced', async () => {
    await Document.create({ owner: 'bob', title: 'same' });
    await Document.create({ owner: 'eva', title: 'same' });
    await assert.rejects(Document.create({ owner: 'bob', title: 'same' }), (e: Error & { fields?: string[] }) => {
      assert.equal(e.name, 'UniqueConstraintError');
      assert.deepEqual(e.fields, ['owner', 'title']);
      return true;
    });
  });
};
