import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from '@jest/globals';
import { BaseModel, ConfigError, ConnectionError, DatabaseFactory, Field, Model, type Database } from '../../../lib';
import type { SqlExecutor } from '../../../lib/drivers/sql/sql-client';
import type { SqlDriver } from '../../../lib/drivers/sql/sql-driver';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';

/** The code of the server's "no such table" error, per SQL backend. */
const NO_TABLE_CODE: Record<string, string> = { pglite: '42P01', postgres: '42P01', mariadb: 'ER_NO_SUCH_TABLE', sqlite: 'SQLITE_ERROR' };
/** The code of the server's "no such database" error, per SQL server. */
const NO_DATABASE_CODE: Record<string, string> = { postgres: '3D000', mariadb: 'ER_BAD_DB_ERROR' };

/** A model whose table / collection `sync()` never creates here: what a query before `sync()` meets. */
@Model({ database: 'setup_unsynced', collection: 'never_synced_persons' })
class UnsyncedPerson extends BaseModel {
  @Field() name!: string;
}

export const setupErrorsSuite: Suite = (ctx) => {
  let db: Database;

  beforeAll(async () => {
    db = DatabaseFactory.createDatabase({ name: 'setup_unsynced', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
  });
  afterAll(() => DatabaseFactory.removeDatabase('setup_unsynced'));

  it('a query before sync(): SQL says which table is missing and to run db.sync(); MongoDB reads nothing, and a write creates the collection', async () => {
    if (db.driver.capabilities.sqlTables) {
      for (const call of [() => UnsyncedPerson.findMany({ name: 'Ana' }), () => UnsyncedPerson.count(), () => UnsyncedPerson.create({ name: 'Ana' })]) {
        const error = await call().then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof ConfigError, String(error));
        assert.equal(error.code, 'SCHEMA_MISSING');
        assert.match(error.message, /UnsyncedPerson: the table 'never_synced_persons' does not exist: run `db\.sync\(\)` on database 'setup_unsynced' \(or your migrations\)/);
        assert.equal((error.cause as { code?: string }).code, NO_TABLE_CODE[ctx.backend.name], 'the driver error is kept as cause');
      }
    } else {
      await reset(db, UnsyncedPerson);
      assert.deepEqual(await UnsyncedPerson.findMany({ name: 'Ana' }), []);
      const ana = await UnsyncedPerson.create({ name: 'Ana' });
      assert.equal((await UnsyncedPerson.findById(ana.id))?.name, 'Ana');
      await reset(db, UnsyncedPerson);
    }
  });

  const onServers = itIf(!ctx.backend.embedded, `not applicable on ${ctx.backend.name}: an embedded database is its file or directory (or memory), created on first use`);
  onServers('a database that does not exist: SQL servers say so and what to do; MongoDB creates it on first use', async () => {
    const name = `essencia_no_such_db_${process.pid}`;
    const missing = DatabaseFactory.createDatabase({ name: 'setup_missing_db', url: ctx.backend.url!, databaseName: name, options: { connectTimeoutMs: 10_000 } });
    try {
      const error = await missing.connect().then(() => undefined, (e: unknown) => e);
      if (missing.driver.capabilities.sqlTables) {
        assert.ok(error instanceof ConnectionError, String(error));
        assert.ok(error.message.endsWith(`database '${name}' does not exist (create it, or fix the URL)`), error.message);
        assert.equal((error.cause as { code?: string }).code, NO_DATABASE_CODE[ctx.backend.name]);
      } else {
        assert.equal(error, undefined, `${missing.type} creates the database on first write`);
      }
    } finally {
      await DatabaseFactory.removeDatabase('setup_missing_db');
    }
  });

  itIf(ctx.capabilities.sqlTables === true, 'capability sqlTables: absent, a document store has no columns to lack')('a column the table lacks (a model newer than its table) names the column and says to run db.sync()', async () => {
    const raw = (db.driver as unknown as { client: SqlExecutor }).client;
    const q = (db.driver as SqlDriver).dialect.quoteIdent;
    try {
      await db.sync();
      await raw.query(`ALTER TABLE ${q('never_synced_persons')} DROP COLUMN ${q('name')}`, []);
      const error = await UnsyncedPerson.create({ name: 'Ana' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.code, 'SCHEMA_MISSING');
      assert.match(error.message, /the column 'name' of table 'never_synced_persons' does not exist .*run `db\.sync\(\)`/);
      await db.sync();
      assert.equal((await UnsyncedPerson.create({ name: 'Ana' })).name, 'Ana', 'sync() added the column back');
    } finally {
      await raw.query(`DROP TABLE IF EXISTS ${q('never_synced_persons')}`, []);
    }
  });
};
