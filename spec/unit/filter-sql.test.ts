import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { quoteIdent } from '../../lib/drivers/sql/quote';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { personMeta } from '../support/filter-fixtures';

const meta = personMeta();
const tagJson = (v: unknown) => ({ json: v });

function sql(filter: unknown): [string, unknown[]] {
  const params = new SqlParams(tagJson);
  return [compileFilter(parseFilter(meta, filter)!, params), params.values];
}

test('SqlParams and quoteIdent', () => {
  const p = new SqlParams((v) => JSON.stringify(v));
  assert.equal(p.add(1), '$1');
  assert.equal(p.json({ a: 1 }), '$2::jsonb');
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
    [{ age: { $nin: [null] } }, '"age" IS NOT NULL', []],
    [{ score: { $exists: true } }, '"score" IS NOT NULL', []],
    [{ score: { $exists: false } }, '"score" IS NULL', []],
    [{ name: { $like: 'a%' } }, '("name" IS NOT NULL AND "name" LIKE $1)', ['a%']],
    [{ name__ilike: 'a_' }, '("name" IS NOT NULL AND "name" ILIKE $1)', ['a_']],
    [{ name: /^a.c$/ }, '("name" IS NOT NULL AND "name" ~ $1)', ['^a.c$']],
    [{ name: { $regex: 'b', $options: 'i' } }, '("name" IS NOT NULL AND "name" ~* $1)', ['b']],
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
  const params = new SqlParams(tagJson);
  assert.equal(compileFilter({ kind: 'and', nodes: [] }, params), 'TRUE');
  assert.equal(compileFilter({ kind: 'or', nodes: [] }, params), 'FALSE');
});

test('json paths: keys are parameters, MongoDB type bracketing', () => {
  const x = '("address" #> $1::text[])';
  const t = '("address" #>> $1::text[])';
  const p = ['city'];
  const table: Array<[unknown, string, unknown[]]> = [
    [{ 'address.city': 'R' }, `(${x} IS NOT NULL AND ${x} = $2::jsonb)`, [p, { json: 'R' }]],
    [{ 'address.city': null }, `(${x} IS NULL OR ${x} = 'null'::jsonb)`, [p]],
    [{ 'address.city': { $ne: null } }, `(${x} IS NOT NULL AND ${x} <> 'null'::jsonb)`, [p]],
    [{ 'address.city': { $ne: 1 } }, `${x} IS DISTINCT FROM $2::jsonb`, [p, { json: 1 }]],
    [{ 'address.city': { $exists: true } }, `${x} IS NOT NULL`, [p]],
    [{ 'address.city': { $in: ['a', 2, null] } }, `((${x} IS NOT NULL AND ${x} IN ($2::jsonb, $3::jsonb)) OR (${x} IS NULL OR ${x} = 'null'::jsonb))`, [p, { json: 'a' }, { json: 2 }]],
    [{ 'address.city': { $in: [] } }, 'FALSE', []],
    [{ 'address.city': { $nin: ['a'] } }, `NOT (${x} IS NOT NULL AND ${x} IN ($2::jsonb))`, [p, { json: 'a' }]],
    [{ 'address.city': { $nin: [] } }, 'TRUE', []],
    [{ 'address.city': { $gt: 5 } }, `CASE WHEN jsonb_typeof(${x}) = 'number' THEN ${x} > $2::jsonb ELSE FALSE END`, [p, { json: 5 }]],
    [{ 'address.city': { $lte: false } }, `CASE WHEN jsonb_typeof(${x}) = 'boolean' THEN ${x} <= $2::jsonb ELSE FALSE END`, [p, { json: false }]],
    [{ 'address.city': { $gte: 'm' } }, `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${t} COLLATE "C" >= $2::text ELSE FALSE END`, [p, 'm']],
    [{ 'address.city': { $like: 'R%' } }, `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${t} COLLATE "C" LIKE $2::text ELSE FALSE END`, [p, 'R%']],
    [{ 'address.city__ilike': 'r%' }, `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${t} COLLATE "C" ILIKE $2::text ELSE FALSE END`, [p, 'r%']],
    [{ 'address.city': /^r/i }, `CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${t} COLLATE "C" ~* $2::text ELSE FALSE END`, [p, '^r']],
    [{ 'address.a.b': 1 }, `(${x} IS NOT NULL AND ${x} = $2::jsonb)`, [['a', 'b'], { json: 1 }]],
    [{ "address.x'); DROP TABLE people; --": 1 }, `(${x} IS NOT NULL AND ${x} = $2::jsonb)`, [["x'); DROP TABLE people; --"], { json: 1 }]],
    [{ address: null }, `("address" IS NULL OR "address" = 'null'::jsonb)`, []],
    [{ address: { $exists: true } }, `("address" IS NOT NULL AND "address" <> 'null'::jsonb)`, []],
    [{ address: { $gt: 'a' } }, `CASE WHEN jsonb_typeof("address") = 'string' THEN ("address" #>> '{}') COLLATE "C" > $1::text ELSE FALSE END`, ['a']],
  ];
  for (const [filter, text, values] of table) assert.deepEqual(sql(filter), [text, values], JSON.stringify(filter));
});

test('codec fields compile against the companion column', () => {
  assert.deepEqual(sql({ cpf: '1.2' }), ['("cpf_bidx" IS NOT NULL AND "cpf_bidx" = $1)', ['h:12']]);
  assert.deepEqual(sql({ cpf: { $in: ['1', null] } }), ['("cpf" IS NULL OR ("cpf_bidx" IS NOT NULL AND "cpf_bidx" = ANY($1::text[])))', [['h:1']]]);
  assert.deepEqual(sql({ notes: { $exists: false } }), ['"notes" IS NULL', []]);
});

test('compileOrderBy', () => {
  const order = (input: unknown): [string, unknown[]] => {
    const params = new SqlParams(tagJson);
    return [compileOrderBy(parseSort(meta, input), params), params.values];
  };
  assert.deepEqual(order({ age: 'desc', email: 'asc' }), ['"age" DESC NULLS LAST, "e_mail" ASC NULLS FIRST', []]);
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
