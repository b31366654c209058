import assert from 'node:assert/strict';
import { it } from '@jest/globals';
import { BaseModel, ConfigError, Field, Model, Unique } from '../../../lib';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { itIf } from '../../support/capabilities';
import type { Backend } from '../../support/backends';
import type { Suite } from '../../support/conformance';
import { describeTable, rawSql } from '../../support/sql-catalog';
import { Person } from '../../support/models';

@Model({ database: 'schema_evolution', collection: 'cf_evolving' })
class EvolvingV1 extends BaseModel {
  @Field() title!: string;
}

@Model({ database: 'schema_evolution', collection: 'cf_evolving' })
class EvolvingV2 extends BaseModel {
  @Field() title!: string;
  @Field({ type: 'int', nullable: true }) pages?: number | null;
}

@Model({ database: 'schema_evolution', collection: 'cf_dupes' })
class LooseTag extends BaseModel {
  @Field() label!: string;
}

@Model({ database: 'schema_evolution', collection: 'cf_dupes' })
class StrictTag extends BaseModel {
  @Field() @Unique({ name: 'cf_dupes_label_key' }) label!: string;
}

@Model({ database: 'not_registered_anywhere' })
class Orphan extends BaseModel {
  @Field() x!: string;
}

const POSTGRES_COLUMNS = {
  active: 'boolean', address: 'jsonb', age: 'integer', balance: 'numeric', born: 'timestamp with time zone',
  email: 'text', id: 'text', name: 'text', nick_name_col: 'text', score: 'double precision', secret_note: 'text',
};

/** The column types sync() creates for Person, per SQL backend, as each catalog names them. */
const TYPED_COLUMNS: Partial<Record<Backend['name'], Record<string, string>>> = {
  pglite: POSTGRES_COLUMNS,
  postgres: POSTGRES_COLUMNS,
  mariadb: {
    active: 'tinyint', address: 'longtext', age: 'int', balance: 'decimal', born: 'datetime',
    email: 'varchar', id: 'varchar', name: 'longtext', nick_name_col: 'longtext', score: 'double', secret_note: 'longtext',
  },
  sqlite: {
    active: 'INTEGER', address: 'TEXT', age: 'INTEGER', balance: 'TEXT', born: 'INTEGER',
    email: 'TEXT', id: 'TEXT', name: 'TEXT', nick_name_col: 'TEXT', score: 'REAL', secret_note: 'TEXT',
  },
};

/** The name of the primary key's index, per SQL backend. */
const PRIMARY_INDEX: Partial<Record<Backend['name'], string>> = {
  pglite: 'cf_people_pkey', postgres: 'cf_people_pkey', mariadb: 'PRIMARY', sqlite: 'sqlite_autoindex_cf_people_1',
};

export const schemaSuite: Suite = (ctx) => {
  const sqlOnly = itIf(ctx.capabilities.sqlTables === true, 'capability sqlTables: absent (not a SQL backend)');

  it('sync() is idempotent and adds a column for a new @Field', async () => {
    const driver = ctx.main.driver;
    const v1 = modelMeta(EvolvingV1);
    const v2 = modelMeta(EvolvingV2);
    await Promise.resolve(driver.deleteMany(v1, undefined)).catch(() => undefined);
    await driver.sync([v1]);
    await driver.sync([v1]);
    await driver.insert(v1, [{ id: 'e1', title: 'old row' }]);
    await driver.sync([v2]);
    await driver.insert(v2, [{ id: 'e2', title: 'new row', pages: 12 }]);
    const rows = await driver.find(v2, { sort: [{ ref: { field: v2.id, path: [] }, direction: 'asc' }] });
    assert.deepEqual(rows.map((r) => [r.id, r.title, r.pages ?? null]), [['e1', 'old row', null], ['e2', 'new row', 12]]);
    await ctx.main.sync();
  });

  it('a unique index over existing duplicates is a clear error naming the index', async () => {
    const driver = ctx.main.driver;
    const loose = modelMeta(LooseTag);
    await driver.sync([loose]);
    await driver.deleteMany(loose, undefined);
    await driver.insert(loose, [{ id: 'd1', label: 'same' }, { id: 'd2', label: 'same' }]);
    await assert.rejects(driver.sync([modelMeta(StrictTag)]), (e: Error) => /cf_dupes_label_key/.test(e.message) && !/same/.test(e.message));
    // The failed build leaves no index behind (so this test can run again on the same database).
    await driver.insert(loose, [{ id: 'd3', label: 'same' }]);
    await driver.deleteMany(loose, undefined);
  });

  sqlOnly('SQL tables have real typed columns', async () => {
    const table = await describeTable(ctx.backend.name, ctx.main, 'cf_people');
    assert.deepEqual(table.types, TYPED_COLUMNS[ctx.backend.name]);
    assert.equal(table.nullable.name, false);
    assert.equal(table.nullable.score, true);
    assert.deepEqual(table.indexes, ['cf_people_email_key', PRIMARY_INDEX[ctx.backend.name]]);
    if (ctx.backend.name === 'mariadb') {
      const { rows: collations } = await rawSql(ctx.main).query(
        `SELECT DISTINCT collation_name FROM information_schema.columns WHERE table_name = 'cf_people' AND table_schema = DATABASE() AND column_name IN ('id', 'email', 'name')`, [],
      );
      assert.deepEqual(collations.map((r) => r.collation_name), ['utf8mb4_nopad_bin'], 'strings compare byte-wise and keep trailing spaces');
    }
  });

  sqlOnly('Model.table is a Drizzle table for hand-written queries', async () => {
    const { getTableName, getTableColumns } = await import('drizzle-orm');
    const table = Person.table;
    assert.equal(getTableName(table), 'cf_people');
    assert.equal(getTableColumns(table).nickname.name, 'nick_name_col');
  });

  it('a model whose database was never created is a ConfigError naming it', async () => {
    await assert.rejects(Orphan.findMany(), (e: Error) => e instanceof ConfigError && /not_registered_anywhere/.test(e.message) && /main/.test(e.message));
  });
};
