import assert from 'node:assert/strict';
import { beforeAll } from '@jest/globals';
import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { BaseModel, Field, Model } from '../../../lib';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { describeTable, rawSql } from '../../support/sql-catalog';

const invoices = pgTable('cf_custom_invoices', {
  id: varchar('invoice_id', { length: 64 }).primaryKey(),
  number: varchar('invoice_number', { length: 20 }).notNull(),
  totalCents: integer('total_cents').notNull(),
  memo: text('memo'),
});

/** A model over a hand-written Drizzle table: its column names and SQL types win. */
@Model({ database: 'main', table: invoices })
class Invoice extends BaseModel {
  @Field() number!: string;
  @Field({ type: 'int' }) totalCents!: number;
  @Field({ type: 'string', nullable: true }) memo?: string | null;
}

export const customTableSuite: Suite = (ctx) => {
  beforeAll(() => reset(ctx.main, Invoice));

  itIf(ctx.capabilities.sqlTables === true, 'capability sqlTables: absent (hand-written tables are Drizzle pgTables)')('a model over a hand-written Drizzle table reads and writes its columns', async () => {
    const meta = modelMeta(Invoice);
    assert.equal(meta.collection, 'cf_custom_invoices');
    assert.deepEqual(meta.fields.map((f) => f.column), ['invoice_id', 'invoice_number', 'total_cents', 'memo']);
    const inv = await Invoice.create({ number: 'NF-1', totalCents: 990 });
    assert.equal((await Invoice.findOne({ number: 'NF-1' }))?.totalCents, 990);
    assert.equal(Invoice.table, invoices);
    if (ctx.backend.name === 'sqlite') {
      // SQLite keeps the declared type as written (its affinity is TEXT).
      assert.equal((await describeTable('sqlite', ctx.main, 'cf_custom_invoices')).types.invoice_number, 'varchar(20)');
    } else {
      const schema = ctx.backend.name === 'mariadb' ? 'DATABASE()' : 'current_schema()';
      const { rows } = await rawSql(ctx.main).query(
        `SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 'cf_custom_invoices' AND column_name = 'invoice_number' AND table_schema = ${schema}`, [],
      );
      const varchar = ctx.backend.name === 'mariadb' ? 'varchar' : 'character varying';
      assert.deepEqual([rows[0]!.data_type, Number(rows[0]!.character_maximum_length)], [varchar, 20]);
    }
    const { rows: stored } = await rawSql(ctx.main).query(`SELECT invoice_id, invoice_number FROM cf_custom_invoices`, []);
    assert.deepEqual(stored.map((r) => [r.invoice_id, r.invoice_number]), [[inv.id, 'NF-1']]);
  });
};
