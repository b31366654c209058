import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { BaseModel, DatabaseFactory, Field, Index, Model, type Database } from '../../lib';
import type { SqlExecutor } from '../../lib/drivers/sql/sql-client';
import { backend, type Backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';

/**
 * PostgreSQL, PGlite and MySQL / MariaDB read dates through a select-list expression named as the column (Unix
 * milliseconds instead of text). A bare ORDER BY name would mean that expression, which no index serves; and on
 * PostgreSQL an index serves essencia's null order only when it lists its columns `NULLS FIRST`. These tests ask each
 * server's plan for a sorted, limited read of an indexed date, and read back instants other programs wrote, to the
 * edges of the range.
 */

@Model({ database: 'sorted_dates', collection: 'sorted_visits' })
class Visit extends BaseModel {
  @Field() @Index() at!: Date;
}

/**
 * Whether a plan reads rows in the index's order rather than sorting them. PostgreSQL: an index scan and no full Sort
 * (an Incremental Sort for the id tiebreak is fine); MariaDB: no filesort.
 */
const readsIndex: Record<string, (plan: Record<string, unknown>[]) => boolean> = {
  postgres: (plan) => {
    const lines = plan.map((row) => String(row['QUERY PLAN']));
    return lines.some((l) => /Index (Only )?Scan/.test(l)) && !lines.some((l) => /^\s*(->\s*)?Sort\s+\(/.test(l));
  },
  mariadb: (plan) => !plan.some((row) => /filesort/i.test(String(row.Extra))),
};

/** The directions each server can read off one index: MariaDB's is ascending only (the id tiebreak stays ascending). */
const directions: Record<string, readonly ('asc' | 'desc')[]> = { postgres: ['asc', 'desc'], mariadb: ['asc'] };

/** Instants as another program writes them (SQL text, UTC), and the Date essencia must read: microseconds truncated. */
const written: readonly [string, string][] = [
  ['0001-01-01 00:00:00', '0001-01-01T00:00:00.000Z'],
  ['1969-12-31 23:59:59.999', '1969-12-31T23:59:59.999Z'],
  ['2024-02-29 12:34:56.789', '2024-02-29T12:34:56.789Z'],
  ['9999-12-31 23:59:59.999', '9999-12-31T23:59:59.999Z'],
];
/** PostgreSQL keeps microseconds (MariaDB's DATETIME(3) does not): read truncated, toward the past. */
const writtenWithMicroseconds: readonly [string, string][] = [
  ['1969-12-31 23:59:59.9995', '1969-12-31T23:59:59.999Z'],
  ['2024-01-01 00:00:00.123456', '2024-01-01T00:00:00.123Z'],
  ['0001-01-01 00:00:00.000999', '0001-01-01T00:00:00.000Z'],
];

/** The PostgreSQL schema this file's tables and migration journal live in. */
const OWN_SCHEMA = 'essencia_date_reads';

function sortedDates(target: Backend, planKind: 'postgres' | 'mariadb'): void {
  if (!target.url) {
    missingBackend(`sorted dates on ${target.name}`, target.envVar!);
    return;
  }
  const url = target.url;
  describe(`sorted dates on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      // On a PostgreSQL server this file works in a schema of its own: its migration journal meets no other file's.
      const server = target.name === 'postgres';
      if (server) {
        const setup = DatabaseFactory.createDatabase({ name: 'sorted_dates_setup', url });
        await (await setup.ready()).migrationBackend!()!.runStatement!(`CREATE SCHEMA IF NOT EXISTS ${OWN_SCHEMA}`, undefined);
        await DatabaseFactory.removeDatabase('sorted_dates_setup');
      }
      const options = server ? { driverOptions: { connection: { search_path: OWN_SCHEMA } } } : {};
      db = DatabaseFactory.createDatabase({ name: 'sorted_dates', url, options });
      await db.connect();
      // Indexes as this version creates them, and no journal, not as an earlier run left them.
      const client = (db.driver as unknown as { client: SqlExecutor }).client;
      for (const table of ['sorted_visits', 'essencia_migrations']) await client.query(`DROP TABLE IF EXISTS ${table}`, []);
      await db.sync();
    });
    beforeEach(() => Visit.deleteMany({}));
    afterAll(() => DatabaseFactory.removeDatabase('sorted_dates'));

    it('a sorted, limited read of an indexed date reads the index instead of sorting every row', async () => {
      const start = Date.UTC(2024, 0, 1);
      await Visit.insertMany(Array.from({ length: 3000 }, (_, i) => ({ at: new Date(start + i * 60_000) })));
      const client = (db.driver as unknown as { client: SqlExecutor }).client;
      await client.query(planKind === 'postgres' ? 'ANALYZE sorted_visits' : 'ANALYZE TABLE sorted_visits', []);
      for (const direction of directions[planKind]!) {
        // Records what the model layer sends (the statement still runs), to ask the server how it reads it.
        const sent: { text: string; params: readonly unknown[] }[] = [];
        const query = client.query.bind(client);
        client.query = (text, params) => (sent.push({ text, params }), query(text, params));
        let read: Visit[];
        try {
          read = await Visit.findMany({}, { orderBy: { at: direction }, limit: 3 });
        } finally {
          delete (client as Partial<SqlExecutor>).query;
        }
        const expected = direction === 'asc' ? [0, 1, 2] : [2999, 2998, 2997];
        assert.deepEqual(read.map((v) => v.at.getTime()), expected.map((i) => start + i * 60_000));
        const select = sent.find((s) => s.text.startsWith('SELECT'))!;
        const plan = await client.query(`EXPLAIN ${select.text}`, select.params);
        assert.ok(readsIndex[planKind]!(plan.rows as Record<string, unknown>[]), `${direction}: the rows were sorted, not read off the index: ${select.text}\n${JSON.stringify(plan.rows)}`);
      }
    });

    if (planKind === 'postgres') {
      it('an index an earlier version made (nulls last) is rebuilt NULLS FIRST by a safe migration step', async () => {
        const client = (db.driver as unknown as { client: SqlExecutor }).client;
        await client.query('DROP INDEX sorted_visits_at_idx', []);
        await client.query('CREATE INDEX sorted_visits_at_idx ON sorted_visits (at)', []);
        const dir = mkdtempSync(join(tmpdir(), 'essencia-nulls-first-'));
        try {
          const plan = await db.migrations.plan({ dir });
          assert.deepEqual(
            plan.steps.map((s) => [s.safety, s.step.kind]),
            [['safe', 'rebuildIndex']],
            plan.steps.map((s) => s.description).join('\n'),
          );
          await db.migrations.generate({ dir, name: 'nulls_first' });
          await db.migrations.up({ dir });
          assert.deepEqual((await db.migrations.plan({ dir })).steps, [], 'nothing left to do');
          const { rows } = await client.query(
            `SELECT (indoption[0] & 2) <> 0 AS nulls_first FROM pg_index WHERE indexrelid = 'sorted_visits_at_idx'::regclass`,
            [],
          );
          assert.equal(rows[0]!['nulls_first'], true);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('instants another program wrote read back exactly, to the millisecond', async () => {
      const client = (db.driver as unknown as { client: SqlExecutor }).client;
      const cases = planKind === 'postgres' ? [...written, ...writtenWithMicroseconds] : written;
      for (const [i, [text]] of cases.entries()) {
        const at = planKind === 'postgres' ? `'${text}+00'::timestamptz` : `'${text}'`;
        await client.query(`INSERT INTO sorted_visits (id, at) VALUES ('v${i}', ${at})`, []);
      }
      for (const [i, [, iso]] of cases.entries()) assert.equal((await Visit.findById(`v${i}`))?.at.toISOString(), iso, `row v${i}`);
    });
  });
}

sortedDates(backend('pglite'), 'postgres');
sortedDates(backend('postgres'), 'postgres');
sortedDates(backend('mariadb'), 'mariadb');
