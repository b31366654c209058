import assert from 'node:assert/strict';
import { beforeAll, it } from '@jest/globals';
import { QueryError, type Filter } from '../../../lib';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { Person } from '../../support/models';

const PEOPLE = [
  { name: 'Ana', email: 'ana@x.io', age: 30, score: 7.5, active: true, born: new Date('1994-03-01T00:00:00Z'), address: { city: 'Recife', floor: 2 }, balance: '10.25', nickname: 'aninha' },
  { name: 'Bruno', email: 'bruno@x.io', age: 41, score: null, active: false, born: null, address: { city: 'Natal' }, balance: '-3', nickname: null },
  { name: 'carla', email: 'carla@x.io', age: 25, score: 9, active: true, born: new Date('1999-12-31T00:00:00Z'), address: null, balance: null, nickname: 'Cacá' },
  { name: 'Davi_1', email: 'davi@x.io', age: 0, score: 0, active: true, born: null, address: { city: null, floor: 10 }, balance: '100', nickname: 'd%1' },
];

export const filtersSuite: Suite = (ctx) => {
  const names = async (filter: Filter<Person>) =>
    (await Person.findMany(filter, { orderBy: { email: 'asc' } })).map((p) => p.name);

  beforeAll(async () => {
    await reset(ctx.main, Person);
    await Person.insertMany(PEOPLE);
  });

  it('equality, $eq, $ne and null meaning null or absent', async () => {
    assert.deepEqual(await names({ age: 30 }), ['Ana']);
    assert.deepEqual(await names({ age: { $eq: 25 } }), ['carla']);
    assert.deepEqual(await names({ score: null }), ['Bruno']);
    assert.deepEqual(await names({ score: { $ne: null } }), ['Ana', 'carla', 'Davi_1']);
    assert.deepEqual(await names({ nickname: { $ne: 'aninha' } }), ['Bruno', 'carla', 'Davi_1'], '$ne also matches null');
    assert.deepEqual(await names({ active: false }), ['Bruno']);
  });

  it('range operators never match null, and the suffix form works', async () => {
    assert.deepEqual(await names({ score: { $lt: 8 } }), ['Ana', 'Davi_1']);
    assert.deepEqual(await names({ score: { $gte: 0 } }), ['Ana', 'carla', 'Davi_1']);
    assert.deepEqual(await names({ age__gte: 25, age__lt: 41 } as Filter<Person>), ['Ana', 'carla']);
    assert.deepEqual(await names({ born: { $gt: new Date('1995-01-01T00:00:00Z') } }), ['carla']);
    assert.deepEqual(await names({ name: { $gt: 'B' } }), ['Bruno', 'carla', 'Davi_1'], 'strings compare byte-wise');
  });

  itIf(ctx.capabilities.decimalOrdering !== false, 'capability decimalOrdering: absent on this server')('decimals compare as numbers', async () => {
    assert.deepEqual(await names({ balance: { $gt: '9.5' } }), ['Ana', 'Davi_1']);
    assert.deepEqual(await names({ balance: { $lte: '10' } }), ['Bruno']);
  });

  it('$in, $nin and their empty lists', async () => {
    assert.deepEqual(await names({ age: { $in: [25, 41] } }), ['Bruno', 'carla']);
    assert.deepEqual(await names({ age: { $in: [] } }), []);
    assert.deepEqual(await names({ age: { $nin: [] } }), ['Ana', 'Bruno', 'carla', 'Davi_1']);
    assert.deepEqual(await names({ score: { $nin: [7.5, 9] } }), ['Bruno', 'Davi_1'], '$nin matches null');
    assert.deepEqual(await names({ score: { $in: [null, 9] } }), ['Bruno', 'carla'], 'null inside $in matches null');
    assert.deepEqual(await names({ age__in: [0] } as Filter<Person>), ['Davi_1']);
  });

  it('$exists', async () => {
    assert.deepEqual(await names({ born: { $exists: true } }), ['Ana', 'carla']);
    assert.deepEqual(await names({ born: { $exists: false } }), ['Bruno', 'Davi_1']);
  });

  it('$like and $ilike are anchored SQL patterns with escapes; $regex', async () => {
    assert.deepEqual(await names({ name: { $like: 'A%' } }), ['Ana']);
    assert.deepEqual(await names({ name: { $ilike: 'c%' } }), ['carla']);
    assert.deepEqual(await names({ name: { $like: 'an' } }), [], 'anchored: no partial match');
    assert.deepEqual(await names({ name: { $like: '_runo' } }), ['Bruno']);
    assert.deepEqual(await names({ nickname: { $like: 'd\\%_' } }), ['Davi_1'], 'an escaped % is literal');
    assert.deepEqual(await names({ name: { $regex: '^[A-C]' } }), ['Ana', 'Bruno']);
    assert.deepEqual(await names({ name: { $regex: 'R', $options: 'i' } }), ['Bruno', 'carla']);
    assert.deepEqual(await names({ name: /_\d$/ }), ['Davi_1']);
  });

  it('$and, $or, $nor and $not', async () => {
    assert.deepEqual(await names({ $or: [{ age: 0 }, { name: 'Ana' }] }), ['Ana', 'Davi_1']);
    assert.deepEqual(await names({ $and: [{ active: true }, { age: { $gt: 20 } }] }), ['Ana', 'carla']);
    assert.deepEqual(await names({ $nor: [{ active: true }] }), ['Bruno']);
    assert.deepEqual(await names({ score: { $not: { $gt: 8 } } }), ['Ana', 'Bruno', 'Davi_1'], '$not matches null');
  });

  it('dotted paths into JSON fields', async () => {
    assert.deepEqual(await names({ 'address.city': 'Natal' } as Filter<Person>), ['Bruno']);
    assert.deepEqual(await names({ 'address.city': null } as Filter<Person>), ['carla', 'Davi_1'], 'null or absent, also under a null parent');
    assert.deepEqual(await names({ 'address.floor': { $gte: 2 } } as Filter<Person>), ['Ana', 'Davi_1']);
    assert.deepEqual(await names({ 'address.floor': { $exists: false } } as Filter<Person>), ['Bruno', 'carla']);
  });

  it('refuses what it cannot run the same everywhere', () => {
    const bad: unknown[] = [
      { nope: 1 },
      { age: { $foo: 1 } },
      { $where: 'this.age > 1' },
      { age: { $expr: {} } },
      { $function: {} },
      { age: '30' },
      { email: { $eq: { $ne: null } } },
      { email: { $ne: null, x: 1 } },
      { age: { $in: 3 } },
      { name: { $regex: '(?=a)' } },
      { $or: [] },
      { 'name.first': 'x' },
    ];
    for (const filter of bad) assert.throws(() => Person.query().where(filter as Filter<Person>), QueryError, JSON.stringify(filter));
  });
};
