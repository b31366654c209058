import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PgliteHandle } from '../../lib/drivers/pglite/pglite-protocol';
import { startPglite } from '../../lib/drivers/pglite/pglite-start';
import { postgresDialect } from '../../lib/drivers/postgres-dialect/pg-dialect';
import { ORACLE_TABLE_SQL, oracleRows, type OracleData } from '../support/filter-oracle';
import { rawSqlOracleTests } from '../support/raw-sql-oracle';

// Raw PGlite, started the way essencia starts it (in a worker thread where jest's VM cannot load it).
let db: PgliteHandle;

beforeAll(async () => {
  db = await startPglite('pglite://memory', 'auto');
  await db.query(ORACLE_TABLE_SQL);
});

afterAll(async () => {
  await db?.close();
});

async function load(rows: readonly OracleData[]): Promise<void> {
  await db.query('TRUNCATE oracle_rows');
  for (const r of rows) {
    await db.query('INSERT INTO oracle_rows (id, s, n, f, b, d, j) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)', [
      r.id, r.s, r.n, r.f, r.b, r.d, r.j === null ? null : JSON.stringify(r.j),
    ]);
  }
}

test('the rows round-trip through PGlite', async () => {
  const [rows] = fc.sample(oracleRows({ minLength: 10, maxLength: 10 }), { numRuns: 1, seed: 7 });
  await load(rows!);
  const { rows: back } = await db.query<{ id: string }>('SELECT id FROM oracle_rows');
  assert.equal(back.length, 10);
});

rawSqlOracleTests('PGlite', () => ({
  dialect: postgresDialect,
  // PGlite takes a jsonb parameter as JSON text.
  json: (v) => JSON.stringify(v),
  load,
  ids: async (text, params) => (await db.query<{ id: string }>(text, params as unknown[])).rows.map((r) => r.id),
}));
