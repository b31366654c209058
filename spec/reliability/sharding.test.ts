import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import postgres from 'postgres';
import { BaseModel, ConfigError, DatabaseFactory, EncryptedCPF, Field, Model, NotFoundError, QueryError, Unique } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { distributeStatements } from '../../lib/drivers/postgres/citus';
import { backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';

@Model({ database: 'shard_main', collection: 'sh_visits', shardKey: ['tenantId'], indexes: [{ fields: ['tenantId', 'code'], unique: true }] })
class Visit extends BaseModel {
  @Field() tenantId!: string;
  @Field() code!: string;
  @Field({ type: 'int' }) minutes = 0;
}

/** The same model on a database whose server looks like Citus (see below). */
@Model({ database: 'shard_citus', collection: 'sh_visits', shardKey: ['tenantId'], indexes: [{ fields: ['tenantId', 'code'], unique: true }] })
class CitusVisit extends BaseModel {
  @Field() tenantId!: string;
  @Field() code!: string;
  @Field({ type: 'int' }) minutes = 0;
}

@Model({ database: 'shard_checks', shardKey: ['tenantId'] })
class GlobalEmail extends BaseModel {
  @Field() tenantId!: string;
  @Field() @Unique() email!: string;
}

@Model({ database: 'shard_checks', shardKey: ['tenantId'] })
class GlobalCpf extends BaseModel {
  @Field() tenantId!: string;
  @EncryptedCPF() @Unique() cpf!: string;
}

@Model({ database: 'shard_checks', shardKey: ['tenantId'], indexes: [{ fields: ['tenantId', 'cpf'], unique: true }] })
class TenantCpf extends BaseModel {
  @Field() tenantId!: string;
  @EncryptedCPF() cpf!: string;
}

@Model({ database: 'shard_checks', shardKey: ['cpf'] })
class EncryptedKey extends BaseModel {
  @EncryptedCPF() cpf!: string;
}

@Model({ database: 'shard_checks', shardKey: ['tenant'] })
class UnknownKey extends BaseModel {
  @Field() tenantId!: string;
}

describe('shardKey: declaration checks', () => {
  it('a unique index must start with the shard key, blind indexes included', () => {
    assert.throws(() => modelMeta(GlobalEmail), (e: unknown) => e instanceof ConfigError && /unique index .*\(email\) must start with the shardKey \(tenantId\).*fields: \['tenantId', 'email'\]/.test(e.message));
    assert.throws(() => modelMeta(GlobalCpf), (e: unknown) => e instanceof ConfigError && /\(cpf\) must start with the shardKey/.test(e.message));
    assert.deepEqual(modelMeta(TenantCpf).indexes.map((i) => i.fields), [['tenantId', 'cpfBidx']]);
    assert.deepEqual(modelMeta(Visit).shardKey.map((f) => f.property), ['tenantId']);
  });

  it('the shard key is plain fields of the model', () => {
    assert.throws(() => modelMeta(EncryptedKey), (e: unknown) => e instanceof ConfigError && /plain string or int field/.test(e.message));
    assert.throws(() => modelMeta(UnknownKey), (e: unknown) => e instanceof ConfigError && /shardKey field 'tenant' is not a field/.test(e.message));
  });

  it('on Citus the table gets a primary key that starts with the shard key and is distributed by it', () => {
    assert.deepEqual(distributeStatements(modelMeta(Visit), 'sh_visits_pkey'), [
      { text: 'ALTER TABLE "sh_visits" DROP CONSTRAINT "sh_visits_pkey", ADD PRIMARY KEY ("tenant_id", "id")', params: [] },
      { text: 'SELECT create_distributed_table($1, $2)', params: ['"sh_visits"', 'tenant_id'] },
    ]);
  });
});

const url = backend('postgres').url;

if (!url) {
  missingBackend('shardKey on PostgreSQL', 'DATABASE_URL');
} else {
  describe('shardKey on PostgreSQL', () => {
    const fakeName = `${new URL(url).pathname.slice(1) || 'postgres'}_citus_look_alike`;
    const fakeUrl = Object.assign(new URL(url), { pathname: `/${fakeName}` }).toString();
    let admin: postgres.Sql;
    let fake: postgres.Sql;

    beforeAll(async () => {
      admin = postgres(url, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${fakeName}"`);
      await admin.unsafe(`CREATE DATABASE "${fakeName}"`);
      // Citus cannot run here: a database with its catalog table and function (recording the calls) stands in for it.
      fake = postgres(fakeUrl, { max: 1, onnotice: () => undefined });
      await fake.unsafe(`
        CREATE TABLE pg_dist_partition (logicalrelid regclass, partkey text);
        CREATE FUNCTION create_distributed_table(table_name regclass, column_name text) RETURNS void
          LANGUAGE sql AS 'INSERT INTO pg_dist_partition VALUES (table_name, column_name)';`);
      DatabaseFactory.createDatabase({ name: 'shard_main', url });
      DatabaseFactory.createDatabase({ name: 'shard_citus', url: fakeUrl });
      await DatabaseFactory.connectAll();
      await DatabaseFactory.getDatabase('shard_main').sync();
      await Visit.deleteMany({});
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      await fake?.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${fakeName}"`);
      await admin.end();
    });

    it('writes by id also filter by the shard key the instance was loaded with', async () => {
      const visit = await Visit.create({ tenantId: 't1', code: 'a' });
      await admin`UPDATE sh_visits SET tenant_id = 't2' WHERE id = ${visit.id}`;
      visit.minutes = 30;
      const saved = await visit.save().catch((e: unknown) => e);
      assert.ok(saved instanceof NotFoundError, `the update looked for (id, tenant t1): ${String(saved)}`);
      const deleted = await visit.delete().catch((e: unknown) => e);
      assert.ok(deleted instanceof NotFoundError, String(deleted));
      await admin`UPDATE sh_visits SET tenant_id = 't1' WHERE id = ${visit.id}`;
      await visit.save();
      assert.equal((await Visit.findById(visit.id))!.minutes, 30);
      visit.tenantId = 't3';
      const moved = await visit.save().catch((e: unknown) => e);
      assert.ok(moved instanceof QueryError && /shardKey and cannot change/.test(moved.message), String(moved));
    });

    it('sync() without Citus leaves the table as it is', async () => {
      const [pk] = await admin`SELECT array_length(conkey, 1) AS n FROM pg_constraint WHERE conrelid = 'sh_visits'::regclass AND contype = 'p'`;
      assert.equal(pk!.n, 1);
    });

    it('sync() on Citus distributes the table by the shard key, once', async () => {
      const citus = DatabaseFactory.getDatabase('shard_citus');
      await citus.sync();
      await citus.sync();
      assert.deepEqual([...(await fake`SELECT logicalrelid::text AS t, partkey FROM pg_dist_partition`)].map((r) => ({ ...r })), [{ t: 'sh_visits', partkey: 'tenant_id' }]);
      const pk = await fake`
        SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.conrelid = 'sh_visits'::regclass AND c.contype = 'p' ORDER BY array_position(c.conkey, a.attnum)`;
      assert.deepEqual(pk.map((r) => r.attname), ['tenant_id', 'id']);
      await CitusVisit.create({ tenantId: 't1', code: 'a' });
      assert.equal(await CitusVisit.count({ tenantId: 't1' }), 1);
    });
  });
}
