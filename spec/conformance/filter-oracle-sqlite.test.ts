import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { find } from 'mingo';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { SqliteClient } from '../../lib/drivers/sqlite/sqlite-client';
import { sqliteDialect } from '../../lib/drivers/sqlite/sqlite-dialect';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { mingoMatch, oracleFilters, oracleMeta, oracleRows, storedDocument, type OracleData } from '../support/filter-oracle';

// Raw SQLite through essencia's client (which registers the functions the dialect's SQL calls), the full value set:
// numbers 0 and 1 among json values, arrays of objects and of arrays, json paths in sorts.
const client = new SqliteClient({ name: 'oracle', type: 'sqlite', url: 'sqlite::memory:', options: {} });
const meta = oracleMeta();
const json = (v: unknown) => JSON.stringify(v);

beforeAll(async () => {
  await client.connect();
  await client.query('CREATE TABLE oracle_rows (id TEXT PRIMARY KEY, s TEXT, n INTEGER, f REAL, b INTEGER, d INTEGER, j TEXT)', []);
});

afterAll(() => client.close());

async function load(rows: readonly OracleData[]): Promise<void> {
  await client.query('DELETE FROM oracle_rows', []);
  for (const r of rows) {
    await client.query('INSERT INTO oracle_rows (id, s, n, f, b, d, j) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      r.id, r.s, r.n, r.f, r.b, r.d, r.j === null ? null : JSON.stringify(r.j),
    ]);
  }
}

async function sqlMatch(filter: Record<string, unknown>): Promise<string[]> {
  const node = parseFilter(meta, filter);
  const params = new SqlParams(sqliteDialect, json);
  const where = node ? compileFilter(node, params) : 'TRUE';
  const { rows } = await client.query(`SELECT id FROM oracle_rows WHERE ${where}`, params.values);
  return rows.map((r) => r.id as string);
}

const sorted = (ids: string[]) => [...ids].sort();

for (const seed of [1, 2, 3]) {
  test(`SQLite matches mingo for random filters (row set ${seed})`, async () => {
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

// Objects and arrays are left out: among themselves they sort by their JSON text, not by MongoDB's BSON order.
test('SQLite sorts like MongoDB (nulls first ascending, json type order)', async () => {
  const [rows] = fc.sample(oracleRows({ minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 5 });
  await load(rows!);
  for (const key of ['s', 'n', 'f', 'b', 'd', 'j.a', 'j.b', 'j.c.x']) {
    for (const dir of [1, -1]) {
      const spec = { [key]: dir, id: 1 };
      const params = new SqlParams(sqliteDialect, json);
      const orderBy = compileOrderBy(parseSort(meta, spec), params);
      const { rows: got } = await client.query(`SELECT id FROM oracle_rows ORDER BY ${orderBy}`, params.values);
      const expected = find(rows!.map(storedDocument), {}).sort(spec).all().map((r) => (r as { id: string }).id);
      assert.deepEqual(got.map((r) => r.id), expected, `${key} ${dir}`);
    }
  }
});
