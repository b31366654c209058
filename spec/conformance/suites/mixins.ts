import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { reset, type Suite } from '../../support/conformance';
import { Appointment, Payment } from '../../support/models';

const appt = (n: number, extra: Partial<Appointment> = {}) => ({
  patientId: `p${n % 3}`, doctorName: `Dr. ${n}`, appointmentDate: new Date(Date.UTC(2030, 0, n + 1)), priceCents: n * 100, ...extra,
});
const tick = () => new Promise((r) => setTimeout(r, 5));

export const mixinsSuite: Suite = (ctx) => {
  beforeEach(() => reset(ctx.main, Appointment, Payment));

  it('Timestamped sets createdAt and updatedAt on insert and updatedAt on every update', async () => {
    const a = await Appointment.create(appt(1));
    assert.ok(a.createdAt instanceof Date && a.updatedAt instanceof Date);
    const created = a.createdAt.getTime();
    await tick();
    a.status = 'confirmed';
    await a.save();
    assert.equal(a.createdAt.getTime(), created);
    assert.ok(a.updatedAt.getTime() > created);
    const stored = (await Appointment.findById(a.id))!;
    assert.equal(stored.createdAt.getTime(), created);
    assert.equal(stored.updatedAt.getTime(), a.updatedAt.getTime());
    await tick();
    await Appointment.updateMany({ id: a.id }, { status: 'done' });
    assert.ok((await Appointment.findById(a.id))!.updatedAt.getTime() > a.updatedAt.getTime());
  });

  it('mixins compose in either order', async () => {
    const p = await Payment.create({ appointmentId: 'x', amountCents: 500 });
    assert.ok(p.createdAt instanceof Date);
    assert.equal(p.deletedAt, null);
    await p.delete();
    assert.ok((p.deletedAt as Date | null) instanceof Date);
    assert.equal(await Payment.findById(p.id), null);
    await p.restore();
    assert.equal((await Payment.findById(p.id))?.amountCents, 500);
  });

  it('soft-deleted rows never leak through reads', async () => {
    const [keep, gone] = await Appointment.insertMany([appt(1), appt(2, { patientId: 'p1' })]);
    await gone!.delete();
    assert.ok(gone!.deletedAt instanceof Date);
    assert.equal(await Appointment.findById(gone!.id), null);
    assert.equal(await Appointment.findOne({ id: gone!.id }), null);
    assert.deepEqual((await Appointment.findMany()).map((a) => a.id), [keep!.id]);
    assert.equal(await Appointment.count(), 1);
    assert.equal(await Appointment.exists({ id: gone!.id }), false);
    assert.equal((await Appointment.query().execute()).length, 1);
    assert.equal((await Appointment.query().paginate({ page: 1, perPage: 10 })).total, 1);
    const streamed: string[] = [];
    for await (const a of Appointment.query().stream({ batchSize: 1 })) streamed.push(a.id);
    assert.deepEqual(streamed, [keep!.id]);
  });

  it('withDeleted, onlyDeleted, restore and forceDelete', async () => {
    const [a, b] = await Appointment.insertMany([appt(1), appt(2)]);
    await b!.delete();
    assert.equal(await Appointment.query().withDeleted().count(), 2);
    assert.deepEqual((await Appointment.query().onlyDeleted().execute()).map((x) => x.id), [b!.id]);
    assert.equal((await Appointment.findMany({}, { withDeleted: true })).length, 2);
    await b!.restore();
    assert.equal(b!.deletedAt, null);
    assert.equal(await Appointment.count(), 2);
    await a!.forceDelete();
    assert.equal(await Appointment.query().withDeleted().count(), 1);
  });

  it('deleteMany only stamps deletedAt and counts live rows', async () => {
    await Appointment.insertMany([appt(1), appt(2), appt(3, { status: 'done' })]);
    assert.equal(await Appointment.deleteMany({ status: 'scheduled' }), 2);
    assert.equal(await Appointment.deleteMany({ status: 'scheduled' }), 0, 'already deleted rows are not counted again');
    assert.equal(await Appointment.count(), 1);
    assert.equal(await Appointment.query().onlyDeleted().count(), 2);
    assert.equal(await Appointment.updateMany({}, { status: 'x' }), 1, 'updateMany leaves deleted rows alone');
    assert.equal(await Appointment.forceDeleteMany({ status: 'scheduled' }), 2, 'forceDeleteMany reaches deleted rows');
    assert.equal(await Appointment.query().withDeleted().count(), 1);
  });
};
