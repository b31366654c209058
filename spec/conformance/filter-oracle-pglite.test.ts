import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { find } from 'mingo';
import type { PgliteHandle } from '../../lib/drivers/pglite/pglite-protocol';
import { startPglite } from '../../lib/drivers/pglite/pglite-start';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { postgresDialect } from '../../lib/drivers/postgres-dialect/pg-dialect';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { ORACLE_TABLE_SQL, mingoMatch, oracleFilters, oracleMeta, oracleRows, storedDocument, type OracleData } from '../support/filter-oracle';

// Raw PGlite, started the way essencia starts it (in a worker thread where jest's VM cannot load it).
let db: PgliteHandle;
const meta = oracleMeta();
/** PGlite takes a jsonb parameter as JSON text. */
const pgliteJson = (v: unknown) => JSON.stringify(v);

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

async function sqlMatch(filter: Record<string, unknown>): Promise<string[]> {
  const node = parseFilter(meta, filter);
  const params = new SqlParams(postgresDialect, pgliteJson);
  const where = node ? compileFilter(node, params) : 'TRUE';
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM oracle_rows WHERE ${where}`, params.values);
  return rows.map((r) => r.id);
}

const sorted = (ids: string[]) => [...ids].sort();

test('the rows round-trip through PGlite', async () => {
  const [rows] = fc.sample(oracleRows({ minLength: 10, maxLength: 10 }), { numRuns: 1, seed: 7 });
  await load(rows!);
  const { rows: back } = await db.query<{ id: string }>('SELECT id FROM oracle_rows');
  assert.equal(back.length, 10);
});

for (const seed of [1, 2, 3]) {
  test(`PGlite matches mingo for random filters (row set ${seed})`, async () => {
    const [rows] = fc.sample(oracleRows({ minLength: 30, maxLength: 40 }), { numRuns: 1, seed });
    await load(rows!);
    await fc.assert(
      fc.asyncProperty(oracleFilters(), async (filter) => {
        assert.deepEqual(sorted(await sqlMatch(filter)), sorted(mingoMatch(rows!, filter)));
      }),
      { numRuns: 200, seed: seed * 101 },
    );
  });
}

// Objects and arrays are left out: among themselves they follow PostgreSQL's jsonb order, not MongoDB's BSON order.
test('PGlite sorts like MongoDB (nulls first ascending, json type order)', async () => {
  const [rows] = fc.sample(oracleRows({ minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 5 });
  await load(rows!);
  for (const key of ['s', 'n', 'f', 'b', 'd', 'j.a', 'j.b', 'j.c.x']) {
    for (const dir of [1, -1]) {
      const spec = { [key]: dir, id: 1 };
      const params = new SqlParams(postgresDialect, pgliteJson);
      const orderBy = compileOrderBy(parseSort(meta, spec), params);
      const { rows: got } = await db.query<{ id: string }>(`SELECT id FROM oracle_rows ORDER BY ${orderBy}`, params.values);
      const expected = find(rows!.map(storedDocument), {}).sort(spec).all().map((r) => (r as { id: string }).id);
      assert.deepEqual(got.map((r) => r.id), expected, `${key} ${dir}`);
    }
  }
});
