import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { quoteIdent } from '../../lib/drivers/postgres-dialect/pg-quote';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { postgresDialect } from '../../lib/drivers/postgres-dialect/pg-dialect';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { personMeta } from '../support/filter-fixtures';

const meta = personMeta();
const tagJson = (v: unknown) => ({ json: v });

function sql(filter: unknown): [string, unknown[]] {
  const params = new SqlParams(postgresDialect, tagJson);
  return [compileFilter(parseFilter(meta, filter)!, params), params.values];
}

test('SqlParams and quoteIdent', () => {
  const p = new SqlParams(postgresDialect, (v: unknown) => JSON.stringify(v));
  assert.equal(p.add(1), '$1');
  assert.equal(p.json({ a: 1 }), '$2');
  assert.deepEqual(p.values, [1, '{"a":1}']);
  assert.equal(quoteIdent('a'), '"a"');
  assert.equal(quoteIdent('we"ird'), '"we""ird"');
});

test('column comparisons', () => {
  const d = new Date(0);
  const table: Array<[unknown, string, unknown[]]> = [
    [{ name: 'a' }, '("name" IS NOT NULL AND "name" = $1)', ['a']],
    [{ id: 'x' }, '"id" = $1', ['x']],
    [{ email: 'e' }, '("e_mail" IS NOT NULL AND "e_mail" = $1)', ['e']],
    [{ score: null }, '"score" IS NULL', []],
    [{ score: { $ne: null } }, '"score" IS NOT NULL', []],
    [{ age: { $ne: 3 } }, '"age" IS DISTINCT FROM $1', [3]],
    [{ age: { $gt: 1 } }, '("age" IS NOT NULL AND "age" > $1)', [1]],
    [{ born__lte: d }, '("born" IS NOT NULL AND "born" <= $1)', [d]],
    [{ age: { $gte: 1, $lt: 9 } }, '(("age" IS NOT NULL AND "age" >= $1) AND ("age" IS NOT NULL AND "age" < $2))', [1, 9]],
    [{ age: { $in: [1, 2] } }, '("age" IS NOT NULL AND "age" = ANY($1::integer[]))', [[1, 2]]],
    [{ age: { $in: [1, null] } }, '(("age" IS NOT NULL AND "age" = ANY($1::integer[])) OR "age" IS NULL)', [[1]]],
    [{ age: { $in: [] } }, 'FALSE', []],
    [{ age: { $in: [null] } }, '"age" IS NULL', []],
    [{ age: { $nin: [1, 2] } }, '("age" IS NULL OR "age" <> ALL($1::integer[]))', [[1, 2]]],
    [{ age: { $nin: [1, null] } }, '("age" IS NOT NULL AND "age" <> ALL($1::integer[]))', [[1]]],
    [{ age: { $nin: [] } }, 'TRUE', []],
    [{ age: { $gt: null } }, 'FALSE', []],
    [{ age: { $gte: null } }, '"age" IS NULL', []],
    [{ score: { $lt: Infinity } }, '("score" IS NOT NULL AND "score" < $1)', [Infinity]],
    [{ age: { $nin: [null] } }, '"age" IS NOT NULL', []],
    [{ score: { $exists: true } }, '"score" IS NOT NULL', []],
    [{ score: { $exists: false } }, '"score" IS NULL', []],
    [{ name: { $like: 'a%' } }, '("name" IS NOT NULL AND "name" LIKE $1)', ['a%']],
    [{ name__ilike: 'ã_%' }, '("name" IS NOT NULL AND "name" ~ $1)', ['^[Ãã]..*$']],
    [{ name: /^a.c$/ }, '("name" IS NOT NULL AND "name" ~ $1)', ['^a[^\\n]c(?=\\n?$)']],
    [{ name: { $regex: 'b', $options: 'i' } }, '("name" IS NOT NULL AND "name" ~ $1)', ['[Bb]']],
    [{ name: { $in: ['a', /b/] } }, '(("name" IS NOT NULL AND "name" = ANY($1::text[])) OR ("name" IS NOT NULL AND "name" ~ $2))', [['a'], 'b']],
    [{ balance: { $gt: 1 } }, '("balance" IS NOT NULL AND "balance" > $1)', ['1']],
  ];
  for (const [filter, text, values] of table) assert.deepEqual(sql(filter), [text, values], JSON.stringify(filter));
});

test('logical nodes', () => {
  assert.deepEqual(sql({ $or: [{ age: 1 }, { name: 'a' }] }), ['(("age" IS NOT NULL AND "age" = $1) OR ("name" IS NOT NULL AND "name" = $2))', [1, 'a']]);
  assert.deepEqual(sql({ $nor: [{ age: 1 }, { active: true }] }), [
    'NOT (("age" IS NOT NULL AND "age" = $1) OR ("active" IS NOT NULL AND "active" = $2))',
    [1, true],
  ]);
  assert.deepEqual(sql({ age: { $not: { $gt: 5 } } }), ['NOT ("age" IS NOT NULL AND "age" > $1)', [5]]);
  assert.deepEqual(sql({ score: { $not: { $exists: true } } }), ['NOT ("score" IS NOT NULL)', []]);
  const params = new SqlParams(postgresDialect, tagJson);
  assert.equal(compileFilter({ kind: 'and', nodes: [] }, params), 'TRUE');
  assert.equal(compileFilter({ kind: 'or', nodes: [] }, params), 'FALSE');
});

test('json paths: keys and values are parameters; every operator looks at the values the path reaches', () => {
  const table: Array<[unknown, RegExp, unknown[]]> = [
    [{ 'address.city': 'R' }, /^EXISTS \(SELECT 1 FROM \(SELECT "address" AS v\) j0s0 CROSS JOIN LATERAL .* j0x WHERE j0x\.v = \$3::jsonb\)$/, ['city', 'city', { json: 'R' }]],
    [{ 'address.city': null }, /^EXISTS .* WHERE \(j0x\.v IS NULL OR j0x\.v = 'null'::jsonb\)\)$/, ['city', 'city']],
    [{ 'address.city': { $ne: 1 } }, /^NOT EXISTS .* WHERE j0x\.v = \$3::jsonb\)$/, ['city', 'city', { json: 1 }]],
    [{ 'address.city': { $exists: true } }, /^EXISTS .* j0s1 WHERE j0s1\.v IS NOT NULL\)$/, ['city', 'city']],
    [{ 'address.city': { $exists: false } }, /^NOT EXISTS .* j0s1 WHERE j0s1\.v IS NOT NULL\)$/, ['city', 'city']],
    [{ 'address.city': { $in: ['a', null] } }, /WHERE \(j0x\.v = \$3::jsonb OR \(j0x\.v IS NULL OR j0x\.v = 'null'::jsonb\)\)\)$/, ['city', 'city', { json: 'a' }]],
    [{ 'address.city': { $in: [] } }, /^FALSE$/, []],
    [{ 'address.city': { $nin: [] } }, /^TRUE$/, []],
    [{ 'address.city': { $gt: 5 } }, /WHERE \(jsonb_typeof\(j0x\.v\) = 'number' AND j0x\.v > \$3::jsonb\)\)$/, ['city', 'city', { json: 5 }]],
    [{ 'address.city': { $gte: 'm' } }, /WHERE \(jsonb_typeof\(j0x\.v\) = 'string' AND \(j0x\.v #>> '\{\}'\) COLLATE "C" >= \$3::text\)\)$/, ['city', 'city', 'm']],
    [{ 'address.city__ilike': 'r%' }, /COLLATE "C" ~ \$3::text\)\)$/, ['city', 'city', '^[Rr].*$']],
    [{ 'address.city': /^r/i }, /COLLATE "C" ~ \$3::text\)\)$/, ['city', 'city', '^[Rr]']],
    [{ 'address.tags': { $size: 2 } }, /WHERE CASE WHEN jsonb_typeof\(j0s1\.v\) = 'array' THEN jsonb_array_length\(j0s1\.v\) = \$3::int ELSE FALSE END\)$/, ['tags', 'tags', 2]],
    [{ 'address.tags': ['a', 'b'] }, /WHERE j0x\.v = \$3::jsonb\)$/, ['tags', 'tags', { json: ['a', 'b'] }]],
    [{ 'address.a.b': 1 }, / j0s2 CROSS JOIN LATERAL /, ['a', 'a', 'b', 'b', { json: 1 }]],
    [{ 'address.items.0': 1 }, /UNION ALL SELECT j0s1\.v -> 0 WHERE jsonb_typeof\(j0s1\.v\) = 'array' AND jsonb_array_length\(j0s1\.v\) > 0\)/, ['items', 'items', '0', '0', { json: 1 }]],
    [{ "address.x'); DROP TABLE people; --": 1 }, /^EXISTS/, ["x'); DROP TABLE people; --", "x'); DROP TABLE people; --", { json: 1 }]],
    [{ address: { $exists: true } }, /^NOT \("address" IS NULL OR "address" = 'null'::jsonb\)$/, []],
    [{ address: 'x' }, /^EXISTS \(SELECT 1 FROM \(SELECT "address" AS v\) j0s0 CROSS JOIN LATERAL \(SELECT j0s0\.v AS v UNION ALL /, [{ json: 'x' }]],
    [
      { address: { $elemMatch: { code: 'A' } } },
      /^EXISTS \(SELECT 1 FROM \(SELECT "address" AS v\) j0s0 WHERE EXISTS \(SELECT 1 FROM jsonb_array_elements\(.*\) AS j1el\(v\) WHERE jsonb_typeof\(j1el\.v\) = 'object' AND \(EXISTS \(SELECT 1 FROM \(SELECT j1el\.v AS v\) j1s0 /,
      ['code', 'code', { json: 'A' }],
    ],
  ];
  for (const [filter, pattern, values] of table) {
    const [text, got] = sql(filter);
    assert.match(text, pattern, JSON.stringify(filter));
    assert.deepEqual(got, values, JSON.stringify(filter));
    assert.doesNotMatch(text, /DROP|city|tags/, 'keys and values never enter the SQL text');
  }
});

test('codec fields compile against the companion column', () => {
  assert.deepEqual(sql({ cpf: '1.2' }), ['("cpf_bidx" IS NOT NULL AND "cpf_bidx" = $1)', ['h:12']]);
  assert.deepEqual(sql({ cpf: { $in: ['1', null] } }), ['("cpf" IS NULL OR ("cpf_bidx" IS NOT NULL AND "cpf_bidx" = ANY($1::text[])))', [['h:1']]]);
  assert.deepEqual(sql({ notes: { $exists: false } }), ['"notes" IS NULL', []]);
});

test('compileOrderBy', () => {
  const order = (input: unknown): [string, unknown[]] => {
    const params = new SqlParams(postgresDialect, tagJson);
    return [compileOrderBy(parseSort(meta, input), params, '"people"'), params.values];
  };
  assert.deepEqual(order({ age: 'desc', email: 'asc' }), ['"people"."age" DESC NULLS LAST, "people"."e_mail" ASC NULLS FIRST', []]);
  const x = '("address" #> $1::text[])';
  const keys = [
    `CASE jsonb_typeof(${x}) WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 4 WHEN 'boolean' THEN 5 ELSE 0 END`,
    `CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x})::numeric END`,
    `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ("address" #>> $1::text[]) COLLATE "C" END`,
    `CASE WHEN jsonb_typeof(${x}) IN ('boolean', 'object', 'array') THEN ${x} END`,
  ];
  assert.deepEqual(order({ 'address.city': 1 }), [keys.map((k) => `${k} ASC NULLS FIRST`).join(', '), [['city']]]);
  assert.deepEqual(order([]), ['', []]);
});
