import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { ValidationError } from '../../../lib';
import { countCalls, reset, type Suite } from '../../support/conformance';
import { Appointment, Payment, Person } from '../../support/models';

export const validationSuite: Suite = (ctx) => {
  beforeEach(() => reset(ctx.main, Person, Payment, Appointment));

  it('create with bad data is a ValidationError per field, and nothing is written', async () => {
    const error = await Person.create({ name: '', email: 'not-an-email', age: -1 }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.deepEqual(Object.keys(error.errors).sort(), ['age', 'email', 'name']);
    assert.equal(error.code, 'VALIDATION');
    assert.equal(await Person.count(), 0);
  });

  it('a missing required field and a wrong type are ValidationErrors', async () => {
    const missing = await Payment.create({ appointmentId: 'a1' } as never).catch((e: unknown) => e);
    assert.ok(missing instanceof ValidationError);
    assert.ok('amountCents' in missing.errors);
    const wrongType = await Person.create({ name: 'A', email: 'a@example.com', age: '42' as never }).catch((e: unknown) => e);
    assert.ok(wrongType instanceof ValidationError);
    assert.ok('age' in wrongType.errors);
    assert.equal(await Person.count(), 0);
  });

  it('save() of an invalid change is refused and the row keeps its values', async () => {
    const p = await Person.create({ name: 'Ana', email: 'ana@example.com' });
    p.email = 'broken';
    await assert.rejects(p.save(), ValidationError);
    assert.equal((await Person.findById(p.id))?.email, 'ana@example.com');
  });

  it('insertMany with one invalid item writes nothing and names the item', async () => {
    const inserts = countCalls(ctx.main, 'insert');
    try {
      const error = await Person.insertMany([
        { name: 'A', email: 'a@example.com' },
        { name: 'B', email: 'nope' },
        { name: 'C', email: 'c@example.com' },
      ]).catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(Object.keys(error.errors), ['1.email']);
      assert.equal(inserts.calls.length, 0);
    } finally {
      inserts.restore();
    }
    assert.equal(await Person.count(), 0);
  });

  it('updateMany validates the patch', async () => {
    await Person.create({ name: 'Bia', email: 'bia@example.com' });
    await assert.rejects(Person.updateMany({}, { age: -5 }), ValidationError);
    await assert.rejects(Person.updateMany({}, { age: 'x' as never }), ValidationError);
    assert.equal((await Person.findOne({}))?.age, 0);
  });

  it('defaults apply on insert', async () => {
    const pay = await Payment.create({ appointmentId: 'a1', amountCents: 100 });
    assert.equal(pay.currency, 'BRL');
    assert.equal((await Payment.findById(pay.id))?.currency, 'BRL');
  });

  it('toJSON gives plain data with ISO dates and honours @Exclude', async () => {
    const p = await Person.create({ name: 'Caio', email: 'caio@example.com', born: new Date('2000-01-02T03:04:05.000Z'), secretNote: 'hidden' });
    const json = (await Person.findById(p.id))!.toJSON();
    assert.equal(json.born, '2000-01-02T03:04:05.000Z');
    assert.equal(json.name, 'Caio');
    assert.equal(json.id, p.id);
    assert.ok(!('secretNote' in json));
    assert.equal(JSON.parse(JSON.stringify(p)).born, '2000-01-02T03:04:05.000Z');
  });

  it('fromPlain builds an unsaved instance (ISO strings become dates) that can be saved', async () => {
    const a = Appointment.fromPlain({ patientId: 'p1', doctorName: 'Dr. X', appointmentDate: '2030-01-01T10:00:00.000Z' });
    assert.ok(a instanceof Appointment);
    assert.ok(a.appointmentDate instanceof Date);
    await a.save();
    assert.equal((await Appointment.findById(a.id))?.appointmentDate.toISOString(), '2030-01-01T10:00:00.000Z');
  });
};
