import { afterAll, beforeAll } from '@jest/globals';
import { SqliteClient } from '../../lib/drivers/sqlite/sqlite-client';
import { sqliteDialect } from '../../lib/drivers/sqlite/sqlite-dialect';
import { rawSqlOracleTests } from '../support/raw-sql-oracle';

// Raw SQLite through essencia's client (which registers the functions the dialect's SQL calls), the full value set:
// numbers 0 and 1 among json values, arrays of objects and of arrays, json paths in sorts.
const client = new SqliteClient({ name: 'oracle', type: 'sqlite', url: 'sqlite::memory:', options: {} });

beforeAll(async () => {
  await client.connect();
  await client.query('CREATE TABLE oracle_rows (id TEXT PRIMARY KEY, s TEXT, n INTEGER, f REAL, b INTEGER, d INTEGER, j TEXT)', []);
});

afterAll(() => client.close());

rawSqlOracleTests('SQLite', () => ({
  dialect: sqliteDialect,
  json: (v) => JSON.stringify(v),
  async load(rows) {
    await client.query('DELETE FROM oracle_rows', []);
    for (const r of rows) {
      await client.query('INSERT INTO oracle_rows (id, s, n, f, b, d, j) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        r.id, r.s, r.n, r.f, r.b, r.d, r.j === null ? null : JSON.stringify(r.j),
      ]);
    }
  },
  ids: async (text, params) => (await client.query(text, params)).rows.map((r) => r.id as string),
}));
