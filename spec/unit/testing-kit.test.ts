import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import postgres from 'postgres';
import { MongoClient } from 'mongodb';
import { BaseModel, ConfigError, DatabaseFactory, Field, Model, SoftDelete } from '../../lib';
import { truncate, useTestDatabases, withRollback } from '../../lib/testing';
import { mongoIsolation } from '../../lib/testing/isolation/mongo-isolation';
import { postgresIsolation } from '../../lib/testing/isolation/postgres-isolation';
import { mysqlIsolation } from '../../lib/testing/isolation/mysql-isolation';
import { backend } from '../support/backends';

@Model({ database: 'kit_embedded', collection: 'kit_items' })
class KitItem extends SoftDelete(BaseModel) {
  @Field() label!: string;
}

@Model({ database: 'kit_embedded', collection: 'kit_tags' })
class KitTag extends BaseModel {
  @Field() name!: string;
}

useTestDatabases({ kit_embedded: undefined });

describe('essencia/testing on the embedded default', () => {
  it('gives the file a connected, synced pglite://memory database', async () => {
    const db = DatabaseFactory.getDatabase('kit_embedded');
    assert.equal(db.type, 'pglite');
    assert.equal(db.isConnected, true);
    assert.equal(await KitItem.count(), 0);
  });

  it('withRollback returns the body value and leaves no row', async () => {
    const seen = await withRollback('kit_embedded', async () => {
      await KitItem.create({ label: 'a' });
      await KitTag.create({ name: 't' });
      return (await KitItem.count()) + (await KitTag.count());
    });
    assert.equal(seen, 2);
    assert.equal(await KitItem.count(), 0);
    assert.equal(await KitTag.count(), 0);
  });

  it('withRollback rethrows the body error, and its writes are gone too', async () => {
    class Oops extends Error {}
    await assert.rejects(
      withRollback('kit_embedded', async () => {
        await KitItem.create({ label: 'b' });
        throw new Oops('failed test body');
      }),
      Oops,
    );
    assert.equal(await KitItem.count(), 0);
  });

  it('truncate empties every table of the database, soft-deleted rows included', async () => {
    const item = await KitItem.create({ label: 'c' });
    await item.delete();
    await KitTag.create({ name: 'u' });
    await truncate('kit_embedded');
    assert.equal(await KitItem.query().withDeleted().count(), 0);
    assert.equal(await KitTag.count(), 0);
  });

  it('an unknown database name is a ConfigError', async () => {
    await assert.rejects(withRollback('nope', async () => 1), ConfigError);
    await assert.rejects(truncate('nope'), ConfigError);
  });

  it('without runner globals or hooks, useTestDatabases is a ConfigError that says what to do', () => {
    const runnerGlobals = globalThis as Record<string, unknown>;
    const saved = { beforeAll: runnerGlobals.beforeAll, afterAll: runnerGlobals.afterAll };
    delete runnerGlobals.beforeAll;
    delete runnerGlobals.afterAll;
    try {
      assert.throws(() => useTestDatabases({ other: undefined }), (e: unknown) => e instanceof ConfigError && /vitest: set test.globals/.test(e.message));
    } finally {
      Object.assign(runnerGlobals, saved);
    }
    const hooks = { beforeAll, afterAll };
    assert.throws(() => useTestDatabases({}, { hooks }), ConfigError);
    assert.throws(() => useTestDatabases({ x: 'redis://localhost' }, { hooks }), ConfigError);
  });
});

function onServer(name: 'postgres' | 'mariadb' | 'mongodb', body: (url: string) => void): void {
  const { url, envVar } = backend(name);
  if (url) {
    describe(`essencia/testing isolation on ${name}`, () => body(url));
    return;
  }
  missingBackend(`essencia/testing isolation on ${name}`, envVar!);
}

onServer('postgres', (url) => {
  it('each file gets a database of its own, dropped afterwards', async () => {
    const sql = postgres(url, { max: 1, onnotice: () => undefined });
    const exists = async (name: string) => (await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`).length === 1;
    try {
      const a = postgresIsolation(url);
      const b = postgresIsolation(url);
      const [ta, tb] = [await a.prepare(), await b.prepare()];
      assert.notEqual(ta.databaseName, tb.databaseName);
      assert.ok(await exists(ta.databaseName!));
      const db = DatabaseFactory.createDatabase({ name: 'kit_pg_file', ...ta });
      await db.connect();
      await a.dispose(); // WITH (FORCE): a pool left open by a failed file does not block the drop
      await DatabaseFactory.removeDatabase('kit_pg_file');
      await b.dispose();
      assert.equal(await exists(ta.databaseName!), false);
      assert.equal(await exists(tb.databaseName!), false);
    } finally {
      await sql.end();
    }
  });
});

onServer('mariadb', (url) => {
  it('each file gets a database of its own, dropped afterwards', async () => {
    const isolation = mysqlIsolation(url);
    const target = await isolation.prepare();
    const db = DatabaseFactory.createDatabase({ name: 'kit_my_file', ...target });
    try {
      await db.connect();
      await db.ping();
    } finally {
      await DatabaseFactory.removeDatabase('kit_my_file');
    }
    await isolation.dispose();
    const missing = DatabaseFactory.createDatabase({ name: 'kit_my_gone', ...target });
    try {
      await assert.rejects(missing.connect(), /does not exist/);
    } finally {
      await DatabaseFactory.removeDatabase('kit_my_gone');
    }
  });
});

onServer('mongodb', (url) => {
  it('each file gets a database name of its own, dropped afterwards', async () => {
    const isolation = mongoIsolation(url);
    const target = await isolation.prepare();
    const client = new MongoClient(url);
    try {
      await client.connect();
      await client.db(target.databaseName).collection('kit').insertOne({ x: 1 });
      const names = async () => (await client.db().admin().listDatabases()).databases.map((d) => d.name);
      assert.ok((await names()).includes(target.databaseName!));
      await isolation.dispose();
      assert.equal((await names()).includes(target.databaseName!), false);
    } finally {
      await client.close();
    }
  });
});
