import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { reset, type Suite } from '../../support/conformance';
import { Appointment, Person, Visit } from '../../support/models';

export const crossDatabaseSuite: Suite = (ctx) => {
  beforeEach(async () => {
    await reset(ctx.main, Person, Appointment);
    await reset(ctx.other, Visit);
  });

  it('looks up related records across two databases in application code', async () => {
    const ana = await Person.create({ name: 'Ana', email: 'ana@cross.io' });
    await Visit.insertMany([{ personId: ana.id, note: 'first' }, { personId: ana.id, note: 'second' }, { personId: 'someone-else', note: 'x' }]);
    const patient = (await Person.findById(ana.id))!;
    const visits = await Visit.findMany({ personId: patient.id }, { orderBy: { note: 'asc' } });
    assert.deepEqual(visits.map((v) => v.note), ['first', 'second']);
    assert.equal(await Person.count(), 1);
    assert.equal(await Visit.count(), 3);
  });
};
