import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { ModelStatements } from '../../lib/drivers/sql/statements';
import { decimalKey } from '../../lib/drivers/sqlite/decimal-key';
import { sqliteDialect } from '../../lib/drivers/sqlite/sqlite-dialect';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { personMeta } from '../support/filter-fixtures';

const meta = personMeta();
const json = (v: unknown) => JSON.stringify(v);

function sql(filter: unknown): [string, unknown[]] {
  const params = new SqlParams(sqliteDialect, json);
  return [compileFilter(parseFilter(meta, filter)!, params), params.values];
}

test('columns compare as on PostgreSQL, with ? placeholders; decimals through their numeric key', () => {
  assert.deepEqual(sql({ age: { $ne: 3 } }), ['"age" IS NOT ?', [3]]);
  assert.deepEqual(sql({ age: { $in: [1, 2] } }), ['("age" IS NOT NULL AND "age" IN (?, ?))', [1, 2]]);
  const days = Array.from({ length: 1001 }, (_, i) => new Date(i * 86_400_000));
  assert.deepEqual(sql({ born: { $in: days } }), [
    '("born" IS NOT NULL AND "born" IN (SELECT value FROM json_each(?)))',
    [JSON.stringify(days.map((d) => d.getTime()))],
  ], 'a long list is one JSON parameter, dates as stored (milliseconds)');
  assert.deepEqual(sql({ balance: { $gt: '10.50' } }), ['("balance" IS NOT NULL AND essencia_decimal("balance") > ?)', [decimalKey('10.5')]]);
  assert.deepEqual(sql({ balance: { $nin: ['1e1'] } }), ['("balance" IS NULL OR essencia_decimal("balance") NOT IN (?))', [decimalKey('10')]]);
});

test('patterns go through REGEXP, json conditions through essencia_json with the program as a parameter', () => {
  assert.deepEqual(sql({ name: { $like: 'a%' } }), ['("name" IS NOT NULL AND "name" REGEXP ?)', ['^a[^]*$']]);
  assert.deepEqual(sql({ name: { $regex: '^a.$' } }), ['("name" IS NOT NULL AND "name" REGEXP ?)', ['^a[^\\n](?=\\n?$)']]);
  const [text, params] = sql({ 'address.city': 'Natal' });
  assert.equal(text, 'essencia_json("address", ?)');
  assert.deepEqual(JSON.parse(params[0] as string), { k: 'cmp', p: ['city'], op: 'eq', v: 'Natal' });
  assert.deepEqual(sql({ address: { $exists: false } }), [`("address" IS NULL OR "address" = 'null')`, []]);
});

test('ORDER BY, LIMIT / OFFSET and upsert', () => {
  const params = new SqlParams(sqliteDialect, json);
  assert.equal(
    compileOrderBy(parseSort(meta, { balance: 'desc', 'address.city': 'asc' }), params, '"people"'),
    'essencia_decimal("balance") DESC NULLS LAST, essencia_json_sort("address", ?) ASC NULLS FIRST',
  );
  assert.deepEqual(params.values, ['["city"]']);
  const statements = new ModelStatements(meta, sqliteDialect, json);
  assert.match(statements.select({ offset: 5 }).text, / LIMIT -1 OFFSET \?$/);
  // A bound LIMIT makes SQLite prepare the statement again at every run (it plans with the bound value).
  const firstPage = statements.select({ limit: 20, offset: 40 });
  assert.match(firstPage.text, / LIMIT 20 OFFSET \?$/);
  assert.deepEqual(firstPage.params, [40]);
  assert.throws(() => statements.select({ limit: 1.5 }), RangeError);
  assert.throws(() => statements.select({ limit: -1 }), RangeError);
  assert.match(statements.upsert([{ id: 'a' }])[0]!.text, /ON CONFLICT \("id"\) DO UPDATE SET "name" = excluded\."name", /);
});
