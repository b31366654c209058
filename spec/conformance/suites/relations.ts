import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { BaseModel, BelongsTo, ConfigError, EncryptedStr, Field, HasMany, Model, QueryError } from '../../../lib';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { countCalls, reset, type Suite } from '../../support/conformance';
import { RelAppointment, RelChart, RelDoctor, RelPatient, relationModels } from '../../support/relation-models';

const names = (items: ReadonlyArray<{ note: string }>) => items.map((i) => i.note).sort();

export const relationsSuite: Suite = (ctx) => {
  beforeEach(async () => {
    await reset(ctx.main, ...relationModels.main);
    await reset(ctx.other, ...relationModels.other);
  });

  it('belongsTo: each child gets its parent from the other database, or null when it has none', async () => {
    const ana = await RelPatient.create({ name: 'Ana' });
    const bia = await RelPatient.create({ name: 'Bia' });
    await RelAppointment.insertMany([
      { patientId: ana.id, note: 'a1' }, { patientId: bia.id, note: 'b1' }, { patientId: ana.id, note: 'a2' },
      { patientId: null, note: 'none' }, { patientId: 'no-such-patient', note: 'ghost' },
    ]);
    const appts = await RelAppointment.query().orderBy('note').populate('patient').execute();
    const byNote = Object.fromEntries(appts.map((a) => [a.note, a.patient === null ? null : a.patient?.name]));
    assert.deepEqual(byNote, { a1: 'Ana', a2: 'Ana', b1: 'Bia', none: null, ghost: null });
    assert.ok(appts.find((a) => a.note === 'a1')!.patient instanceof RelPatient);
  });

  it('hasMany gives every parent its children and [] when it has none; hasOne gives one or null', async () => {
    const ana = await RelPatient.create({ name: 'Ana' });
    const bia = await RelPatient.create({ name: 'Bia' });
    await RelAppointment.insertMany([{ patientId: ana.id, note: 'a1' }, { patientId: ana.id, note: 'a2' }]);
    await RelChart.create({ patientId: bia.id, summary: 'healthy' });
    const patients = await RelPatient.findMany({}, { orderBy: { name: 'asc' }, populate: ['appointments', 'chart'] });
    assert.deepEqual(patients.map((p) => names(p.appointments!)), [['a1', 'a2'], []]);
    assert.deepEqual(patients.map((p) => p.chart?.summary ?? null), [null, 'healthy']);
    const found = (await RelPatient.findById(ana.id, { populate: ['appointments'] }))!;
    assert.deepEqual(names(found.appointments!), ['a1', 'a2']);
  });

  it('nested populate loads one more level per dotted path, one query per level', async () => {
    const house = await RelDoctor.create({ name: 'House' });
    const ana = await RelPatient.create({ name: 'Ana', doctorId: house.id });
    const bia = await RelPatient.create({ name: 'Bia' });
    await RelAppointment.insertMany([{ patientId: ana.id, note: 'a1' }, { patientId: bia.id, note: 'b1' }]);
    const mainFinds = countCalls(ctx.main, 'find');
    const otherFinds = countCalls(ctx.other, 'find');
    try {
      const appts = await RelAppointment.query().orderBy('note').populate('patient', 'patient.doctor').execute();
      assert.deepEqual(appts.map((a) => a.patient?.doctor?.name ?? null), ['House', null]);
      assert.equal(otherFinds.calls.length, 1, 'patients: one query');
      assert.equal(mainFinds.calls.length, 2, 'appointments, then doctors: one query each');
    } finally {
      mainFinds.restore();
      otherFinds.restore();
    }
    const deep = (await RelDoctor.query().first())!;
    assert.equal(deep.name, 'House');
    const viaPatient = (await RelPatient.findById(ana.id, { populate: ['doctor', 'appointments.patient'] }))!;
    assert.equal(viaPatient.doctor?.name, 'House');
    assert.equal(viaPatient.appointments![0]!.patient?.name, 'Ana');
  });

  it('300 children over 50 parents populate with one query on the parents\' database, and back', async () => {
    const patients = await RelPatient.insertMany(Array.from({ length: 50 }, (_, i) => ({ name: `p${String(i).padStart(2, '0')}` })));
    await RelAppointment.insertMany(Array.from({ length: 300 }, (_, i) => ({ patientId: patients[i % 50]!.id, note: `n${i}` })));
    const parentFinds = countCalls(ctx.other, 'find');
    try {
      const appts = await RelAppointment.query().populate('patient').execute();
      assert.equal(appts.length, 300);
      assert.ok(appts.every((a) => a.patient?.id === a.patientId));
      assert.equal(parentFinds.calls.length, 1);
    } finally {
      parentFinds.restore();
    }
    const childFinds = countCalls(ctx.main, 'find');
    try {
      const loaded = await RelPatient.query().populate('appointments').execute();
      assert.equal(loaded.length, 50);
      assert.ok(loaded.every((p) => p.appointments!.length === 6 && p.appointments!.every((a) => a.patientId === p.id)));
      assert.equal(childFinds.calls.length, 1);
    } finally {
      childFinds.restore();
    }
  });

  it('stream() populates each batch as it comes (one query per batch and relation)', async () => {
    const ana = await RelPatient.create({ name: 'Ana' });
    await RelAppointment.insertMany(Array.from({ length: 5 }, (_, i) => ({ patientId: ana.id, note: `n${i}` })));
    const finds = countCalls(ctx.other, 'find');
    try {
      const seen: Array<string | undefined> = [];
      for await (const a of RelAppointment.query().populate('patient').stream({ batchSize: 2 })) seen.push(a.patient?.name);
      assert.deepEqual(seen, ['Ana', 'Ana', 'Ana', 'Ana', 'Ana']);
      assert.equal(finds.calls.length, 3);
    } finally {
      finds.restore();
    }
  });

  it('a soft-deleted parent is not populated (null), and a populate over no rows queries nothing', async () => {
    const ana = await RelPatient.create({ name: 'Ana' });
    await RelAppointment.create({ patientId: ana.id, note: 'a1' });
    await ana.delete();
    const [appt] = await RelAppointment.query().populate('patient').execute();
    assert.equal(appt!.patient, null);
    const finds = countCalls(ctx.other, 'find');
    try {
      assert.deepEqual(await RelAppointment.query().where({ note: 'none' }).populate('patient').execute(), []);
      assert.equal(finds.calls.length, 0);
    } finally {
      finds.restore();
    }
  });

  it('relation properties are not stored, and toJSON shows populated values as their own toJSON', async () => {
    const ana = await RelPatient.create({ name: 'Ana', internalNote: 'hidden' });
    const at = new Date(Date.UTC(2030, 0, 2));
    const appt = await RelAppointment.create({ patientId: ana.id, note: 'a1', at });
    const loaded = (await RelAppointment.findById(appt.id, { populate: ['patient'] }))!;
    loaded.note = 'changed';
    loaded.patient!.name = 'Not saved through the child';
    await loaded.save();
    assert.equal((await RelPatient.findById(ana.id))!.name, 'Ana');
    assert.equal((await RelAppointment.findById(appt.id))!.note, 'changed');
    const json = JSON.parse(JSON.stringify(loaded)) as Record<string, any>;
    assert.equal(json.at, at.toISOString());
    assert.equal(json.patient.name, 'Not saved through the child');
    assert.equal('internalNote' in json.patient, false, '@Exclude() applies to the populated instance');
    const { appointments } = (await RelPatient.findById(ana.id, { populate: ['appointments'] }))!.toJSON() as { appointments: Array<Record<string, unknown>> };
    assert.deepEqual(appointments.map((a) => [a.note, a.at]), [['changed', at.toISOString()]]);
  });

  it('an unknown relation name is a QueryError listing the known ones, at any depth', async () => {
    assert.throws(() => RelAppointment.query().populate('doctor'), (e: unknown) => e instanceof QueryError && /known: patient\b/.test(e.message));
    assert.throws(
      () => RelAppointment.query().populate('patient.nurse'),
      (e: unknown) => e instanceof QueryError && /RelPatient has no relation 'nurse'/.test(e.message) && /doctor, appointments, chart/.test(e.message),
    );
    await assert.rejects(RelPatient.findById('x', { populate: ['note'] }), QueryError);
    await assert.rejects(RelPatient.findMany({}, { populate: ['nope'] }), QueryError);
  });

  it('an encrypted relation key is refused with a ConfigError, on either side', () => {
    @Model({ database: 'rel_refused', collection: 'rel_refused_targets' })
    class Target extends BaseModel {
      @EncryptedStr({ context: 'notes' }) ownerId!: string;
    }
    @Model({ database: 'rel_refused', collection: 'rel_refused_owners' })
    class Owner extends BaseModel {
      @EncryptedStr({ context: 'notes' }) targetId!: string;
      @BelongsTo(() => Target, { foreignKey: 'targetId' }) target?: Target | null;
    }
    assert.throws(() => modelMeta(Owner), (e: unknown) => e instanceof ConfigError && /targetId' is an encrypted field/.test(e.message));
    @Model({ database: 'rel_refused', collection: 'rel_refused_parents' })
    class Parent extends BaseModel {
      @Field() name!: string;
      @HasMany(() => Target, { foreignKey: 'ownerId' }) children?: Target[];
    }
    assert.throws(() => Parent.query().populate('children'), (e: unknown) => e instanceof ConfigError && /ownerId' is an encrypted field/.test(e.message));
  });
};
