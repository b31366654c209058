import assert from 'node:assert/strict';
import { afterAll, it } from '@jest/globals';
import { ConfigError, DatabaseFactory, Field, Model, MongoModel, SQLModel, SoftDeleteModel, TimestampedModel } from '../../../lib';
import type { Suite } from '../../support/conformance';

@Model({ database: 'kind_sql', collection: 'cf_kind_sql' })
class SqlOnly extends SQLModel {
  @Field() name!: string;
}

@Model({ database: 'kind_doc', collection: 'cf_kind_doc' })
class MongoOnly extends MongoModel {
  @Field() name!: string;
}

@Model({ database: 'kind_ready', collection: 'cf_kind_ready' })
class ReadyMade extends SoftDeleteModel {
  @Field() name!: string;
}

@Model({ database: 'kind_ready', collection: 'cf_kind_stamped' })
class Stamped extends TimestampedModel {
  @Field() name!: string;
}

export const modelKindsSuite: Suite = (ctx) => {
  afterAll(async () => {
    for (const name of ['kind_sql', 'kind_doc', 'kind_ready']) await DatabaseFactory.removeDatabase(name);
  });

  it('SQLModel and MongoModel work on their kind of database and refuse the other at connect', async () => {
    const url = ctx.backend.url!;
    const sql = Boolean(ctx.main.driver.capabilities.sqlTables);
    const fits = DatabaseFactory.createDatabase({ name: sql ? 'kind_sql' : 'kind_doc', url });
    const misfits = DatabaseFactory.createDatabase({ name: sql ? 'kind_doc' : 'kind_sql', url });
    await fits.sync();
    const Model = (sql ? SqlOnly : MongoOnly) as typeof SqlOnly;
    await Model.deleteMany({});
    await Model.create({ name: 'ok' });
    assert.equal(await Model.count({ name: 'ok' }), 1);
    const misfitName = sql ? 'MongoOnly' : 'SqlOnly';
    await assert.rejects(misfits.connect(), (e: Error) => e instanceof ConfigError && e.message.includes(misfitName));
    await assert.rejects((sql ? MongoOnly : SqlOnly).findMany(), ConfigError);
  });

  it('TimestampedModel and SoftDeleteModel are ready-made', async () => {
    const db = DatabaseFactory.createDatabase({ name: 'kind_ready', url: ctx.backend.url! });
    await db.sync();
    await ReadyMade.forceDeleteMany({});
    const r = await ReadyMade.create({ name: 'r' });
    assert.ok(r.createdAt instanceof Date);
    await r.delete();
    assert.equal(await ReadyMade.findById(r.id), null);
    assert.equal(await ReadyMade.query().onlyDeleted().count(), 1);
    assert.ok((await Stamped.create({ name: 's' })).updatedAt instanceof Date);
  });
};
