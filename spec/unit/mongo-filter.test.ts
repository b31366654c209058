import 'reflect-metadata';
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Decimal128, ObjectId } from 'mongodb';
import { QueryError } from '../../lib/errors';
import { Field, Model } from '../../lib/metadata/decorators';
import { modelMeta } from '../../lib/metadata/model-meta';
import { and, cmp, type FilterNode } from '../../lib/query/filter-ast';
import { parseRegexOperand } from '../../lib/query/filter-regex-operand';
import {
  compileFilter,
  compileProjection,
  compileSort,
  likeToRegex,
  MATCH_NOTHING,
} from '../../lib/drivers/mongodb/filter-to-mongo';

@Model({ database: 'mongo_unit_filter', collection: 'patients' })
class Patient {
  id!: string;
  @Field() name!: string;
  @Field({ type: 'int', nullable: true }) age?: number;
  @Field({ type: 'decimal' }) balance!: string;
  @Field() born!: Date;
  @Field({ type: 'json', nullable: true }) address?: Record<string, unknown>;
  @Field({ name: 'e_mail' }) email!: string;
}

const meta = modelMeta(Patient);
const f = (property: string) => meta.byProperty.get(property)!;
const HEX = '65f1c0ffee0000000000beef';
const END = '(?![\\s\\S])';

/** BSON values as comparable plain forms. */
function plain(v: unknown): unknown {
  if (v instanceof ObjectId) return { oid: v.toHexString() };
  if (v instanceof Decimal128) return { dec: v.toString() };
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** A RegExp as the parser gives it. */
const re = (r: RegExp) => parseRegexOperand('t', r, undefined);

const compiled = (node: FilterNode | undefined): unknown => plain(compileFilter(node));

const table: Array<[string, FilterNode | undefined, unknown]> = [
  ['no filter', undefined, {}],
  ['eq wraps the value in $eq', cmp(f('name'), 'eq', 'Ana'), { name: { $eq: 'Ana' } }],
  ['eq null (null and absent)', cmp(f('age'), 'eq', null), { age: { $eq: null } }],
  ['an operator-looking value stays a value', cmp(f('address'), 'eq', { $gt: 1 }), { address: { $eq: { $gt: 1 } } }],
  ['ne', cmp(f('age'), 'ne', 3), { age: { $ne: 3 } }],
  ['gt / lte', and([cmp(f('age'), 'gt', 1), cmp(f('age'), 'lte', 9)]), { $and: [{ age: { $gt: 1 } }, { age: { $lte: 9 } }] }],
  ['in', cmp(f('age'), 'in', [1, 2]), { age: { $in: [1, 2] } }],
  ['in [] matches nothing natively', cmp(f('age'), 'in', []), { age: { $in: [] } }],
  ['nin', cmp(f('name'), 'nin', ['a', null]), { name: { $nin: ['a', null] } }],
  ['exists true is "not null"', cmp(f('age'), 'exists', true), { age: { $exists: true, $ne: null } }],
  ['exists false is null or absent', cmp(f('age'), 'exists', false), { age: { $eq: null } }],
  ['renamed column', cmp(f('email'), 'eq', 'a@b.co'), { e_mail: { $eq: 'a@b.co' } }],
  ['json path is a dotted key', cmp(f('address'), 'eq', 'SP', ['city', 'code']), { 'address.city.code': { $eq: 'SP' } }],
  ['24-hex id is an ObjectId', cmp(meta.id, 'eq', HEX), { _id: { $eq: { oid: HEX } } }],
  ['other ids stay strings', cmp(meta.id, 'eq', 'user-42'), { _id: { $eq: 'user-42' } }],
  ['upper-case hex stays a string', cmp(meta.id, 'eq', HEX.toUpperCase()), { _id: { $eq: HEX.toUpperCase() } }],
  ['id lists convert each', cmp(meta.id, 'in', [HEX, 'x']), { _id: { $in: [{ oid: HEX }, 'x'] } }],
  ['decimal is Decimal128', cmp(f('balance'), 'gte', '10.50'), { balance: { $gte: { dec: '10.50' } } }],
  ['decimal exponent is normalised', cmp(f('balance'), 'eq', '1e3'), { balance: { $eq: { dec: '1000' } } }],
  ['like', cmp(f('name'), 'like', 'a%b_c'), { name: { $regex: `^a.*b.c${END}`, $options: 's' } }],
  ['ilike', cmp(f('name'), 'ilike', 'jo%'), { name: { $regex: `^jo.*${END}`, $options: 'is' } }],
  ['like escapes metacharacters', cmp(f('name'), 'like', '1+1=2. (x)[y]{z}|^$?*'), {
    name: { $regex: `^1\\+1=2\\. \\(x\\)\\[y\\]\\{z\\}\\|\\^\\$\\?\\*${END}`, $options: 's' },
  }],
  ['like backslash escapes % and _', cmp(f('name'), 'like', '50\\%\\_off\\\\'), { name: { $regex: `^50%_off\\\\${END}`, $options: 's' } }],
  ['regex', cmp(f('name'), 'regex', re(/^a+b/)), { name: { $regex: '^a+b' } }],
  ['regex ignoreCase: MongoDB folds case itself', cmp(f('name'), 'regex', re(/ana/i)), { name: { $regex: 'ana', $options: 'i' } }],
  ['regex . and $ spelled out', cmp(f('name'), 'regex', re(/a.$/)), { name: { $regex: 'a[^\\n](?=\\n?(?![\\s\\S]))' } }],
  ['regex s and m never sent as options', cmp(f('name'), 'regex', re(/^a.$/ms)), { name: { $regex: '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))a[\\s\\S](?=\\n|(?![\\s\\S]))' } }],
  ['regex \\d and \\w are ASCII classes', cmp(f('name'), 'regex', re(/\d\W/)), { name: { $regex: '[0-9][^0-9A-Z_a-z]' } }],
  ['size', cmp(f('address'), 'size', 2, ['tags']), { 'address.tags': { $size: 2 } }],
  [
    'elemMatch, document form: keys relative to the element',
    { kind: 'elemMatch', ref: { field: f('address'), path: ['items'] }, form: 'document', node: cmp(f('address'), 'eq', 'A', ['code']) },
    { 'address.items': { $elemMatch: { code: { $eq: 'A' } } } },
  ],
  [
    'elemMatch, value form: one operator document',
    { kind: 'elemMatch', ref: { field: f('address'), path: ['n'] }, form: 'value', node: and([cmp(f('address'), 'gte', 1), { kind: 'not', node: cmp(f('address'), 'eq', 2) }]) },
    { 'address.n': { $elemMatch: { $gte: 1, $not: { $eq: 2 } } } },
  ],
  [
    'exists on a json field itself: an array holding null is present',
    cmp(f('address'), 'exists', true),
    { $or: [{ address: { $exists: true, $ne: null } }, { address: { $type: 'array' } }] },
  ],
  ['not is $nor', { kind: 'not', node: cmp(f('age'), 'gt', 3) }, { $nor: [{ age: { $gt: 3 } }] }],
  ['nested and flattens', and([cmp(f('age'), 'eq', 1), and([cmp(f('name'), 'eq', 'a'), cmp(f('name'), 'ne', 'b')])]), {
    $and: [{ age: { $eq: 1 } }, { name: { $eq: 'a' } }, { name: { $ne: 'b' } }],
  }],
  ['or', { kind: 'or', nodes: [cmp(f('age'), 'eq', 1), cmp(f('age'), 'eq', null)] }, { $or: [{ age: { $eq: 1 } }, { age: { $eq: null } }] }],
  ['empty and matches all', { kind: 'and', nodes: [] }, {}],
  ['empty or matches nothing', { kind: 'or', nodes: [] }, MATCH_NOTHING],
  ['not inside or', { kind: 'or', nodes: [{ kind: 'not', node: cmp(f('age'), 'in', []) }, cmp(f('name'), 'eq', 'z')] }, {
    $or: [{ $nor: [{ age: { $in: [] } }] }, { name: { $eq: 'z' } }],
  }],
];

for (const [title, node, expected] of table) {
  test(`filter → mongo: ${title}`, () => assert.deepEqual(compiled(node), expected));
}

test('like patterns behave as SQL LIKE (anchored, newlines matched, no trailing-newline slack)', () => {
  const like = (pattern: string, text: string) => new RegExp(likeToRegex(pattern), 's').test(text);
  assert.equal(like('a%', 'a\nb'), true);
  assert.equal(like('a_b', 'a\nb'), true);
  assert.equal(like('abc', 'abc\n'), false);
  assert.equal(like('abc', 'xabc'), false);
  assert.equal(like('a.c', 'abc'), false);
  assert.equal(like('a.c', 'a.c'), true);
  assert.equal(like('100\\%', '100%'), true);
  assert.equal(like('100\\%', '1000'), false);
  assert.equal(like('%', ''), true);
});

test('malformed filters are QueryErrors', () => {
  const refuses = (node: FilterNode) => assert.throws(() => compileFilter(node), QueryError);
  refuses(cmp(f('name'), 'like', 'abc\\'));
  refuses(cmp(f('name'), 'like', 3));
  refuses(cmp(f('age'), 'gt', null));
  refuses(cmp(f('age'), 'in', 3));
  refuses(cmp(f('address'), 'eq', 1, ['$where']));
  refuses(cmp(f('address'), 'eq', 1, ['a.b']));
  refuses(cmp(f('balance'), 'eq', '1'.repeat(40)));
});

test('sort maps columns, keeps order and ends with _id', () => {
  assert.deepEqual(compileSort(undefined), [['_id', 1]]);
  assert.deepEqual(
    compileSort([
      { ref: { field: f('email'), path: [] }, direction: 'desc' },
      { ref: { field: f('address'), path: ['city'] }, direction: 'asc' },
    ]),
    [['e_mail', -1], ['address.city', 1], ['_id', 1]],
  );
  assert.deepEqual(compileSort([{ ref: { field: meta.id, path: [] }, direction: 'desc' }]), [['_id', -1]]);
});

test('projection always includes _id', () => {
  assert.equal(compileProjection(undefined), undefined);
  assert.deepEqual(compileProjection([f('name'), f('email'), meta.id]), { _id: 1, name: 1, e_mail: 1 });
});
