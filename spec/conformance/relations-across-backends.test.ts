import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import { BaseModel, BelongsTo, DatabaseFactory, Field, HasMany, Model, type Database } from '../../lib';
import { backend, type Backend } from '../support/backends';
import { countCalls, reset } from '../support/conformance';

/**
 * Relations between models of different backends: visits in an embedded PGlite database, their patients in
 * MongoDB, the patients' doctors in PostgreSQL. Needs DATABASE_URL and MONGODB_URL; without them the tests are
 * skipped loudly, or fail the run in CI.
 */

@Model({ database: 'rx_pg', collection: 'rx_doctors' })
class XDoctor extends BaseModel {
  @Field() name!: string;
}

@Model({ database: 'rx_mongo', collection: 'rx_patients' })
class XPatient extends BaseModel {
  @Field() name!: string;
  @Field({ type: 'string', nullable: true }) doctorId?: string | null;
  @BelongsTo(() => XDoctor, { foreignKey: 'doctorId' }) doctor?: XDoctor | null;
  @HasMany(() => XVisit, { foreignKey: 'patientId' }) visits?: XVisit[];
}

@Model({ database: 'rx_local', collection: 'rx_visits' })
class XVisit extends BaseModel {
  @Field() patientId!: string;
  @Field({ type: 'string', nullable: true }) doctorId?: string | null;
  @Field() note!: string;
  @BelongsTo(() => XPatient, { foreignKey: 'patientId' }) patient?: XPatient | null;
  @BelongsTo(() => XDoctor, { foreignKey: 'doctorId' }) doctor?: XDoctor | null;
}

const postgres = backend('postgres');
const mongodb = backend('mongodb');
const missing = [postgres, mongodb].filter((b): b is Backend & { envVar: string } => !b.url);

if (missing.length > 0) {
  missingBackend('relations across backends', missing.map((b) => b.envVar).join(' and '));
} else {
  describe('relations across backends (PGlite → MongoDB → PostgreSQL)', () => {
    const dbs = {} as Record<'local' | 'pg' | 'mongo', Database>;

    beforeAll(async () => {
      dbs.local = DatabaseFactory.createDatabase({ name: 'rx_local', url: 'pglite://memory' });
      dbs.pg = DatabaseFactory.createDatabase({ name: 'rx_pg', url: postgres.url! });
      dbs.mongo = DatabaseFactory.createDatabase({ name: 'rx_mongo', url: mongodb.url! });
      await DatabaseFactory.connectAll();
      for (const db of Object.values(dbs)) await db.sync();
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
    });
    beforeEach(async () => {
      await reset(dbs.local, XVisit);
      await reset(dbs.pg, XDoctor);
      await reset(dbs.mongo, XPatient);
    });

    it('a PGlite model populates its PostgreSQL and MongoDB parents, and one level deeper', async () => {
      const house = await XDoctor.create({ name: 'House' });
      const ana = await XPatient.create({ name: 'Ana', doctorId: house.id });
      const bia = await XPatient.create({ name: 'Bia' });
      await XVisit.insertMany([
        { patientId: ana.id, doctorId: house.id, note: 'a1' },
        { patientId: bia.id, note: 'b1' },
        { patientId: '65f1c0ffee0000000000beef', note: 'ghost' },
      ]);
      const visits = await XVisit.query().orderBy('note').populate('doctor', 'patient.doctor').execute();
      assert.deepEqual(
        visits.map((v) => [v.note, v.doctor?.name ?? null, v.patient?.name ?? null, v.patient?.doctor?.name ?? null]),
        [['a1', 'House', 'Ana', 'House'], ['b1', null, 'Bia', null], ['ghost', null, null, null]],
      );
    });

    it('a MongoDB parent gets its PGlite children; 300 over 50 parents take one query on each side', async () => {
      const patients = await XPatient.insertMany(Array.from({ length: 50 }, (_, i) => ({ name: `p${i}` })));
      await XVisit.insertMany(Array.from({ length: 300 }, (_, i) => ({ patientId: patients[i % 50]!.id, note: `n${i}` })));
      const parentFinds = countCalls(dbs.mongo, 'find');
      const childFinds = countCalls(dbs.local, 'find');
      try {
        const visits = await XVisit.query().populate('patient').execute();
        assert.ok(visits.length === 300 && visits.every((v) => v.patient?.id === v.patientId));
        assert.equal(parentFinds.calls.length, 1);
        const loaded = await XPatient.findMany({}, { populate: ['visits'] });
        assert.ok(loaded.length === 50 && loaded.every((p) => p.visits!.length === 6));
        assert.equal(childFinds.calls.length, 2, 'the visits, then the visits of the 50 patients');
      } finally {
        parentFinds.restore();
        childFinds.restore();
      }
    });
  });
}
