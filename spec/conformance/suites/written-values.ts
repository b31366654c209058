import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { ValidationError } from '../../../lib';
import { reset, type Suite } from '../../support/conformance';
import { Person } from '../../support/models';

const NUL = 'a\u0000b';
const person = (n: number, extra: Partial<Person> = {}) => ({ name: `Person ${n}`, email: `p${n}@example.com`, ...extra });

/** Asserts a ValidationError whose field list is exactly `fields`, and that its message never holds the value. */
function refused(fields: string[]) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    assert.deepEqual(Object.keys(error.errors).sort(), fields);
    assert.ok(!error.message.includes('\u0000'), 'the message holds no NUL');
    return true;
  };
}

const iso = (text: string): Date => new Date(text);
/** Dates every backend must store and read back to the millisecond. */
const EDGE_DATES = [
  '0001-01-01T00:00:00.000Z',
  '0001-06-15T12:34:56.789Z',
  '0099-06-15T00:00:00.000Z',
  '0100-03-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999Z',
];

export const writtenValuesSuite: Suite = (ctx) => {
  beforeEach(() => reset(ctx.main, Person));

  it('a NUL byte in a string field, a JSON value at any depth or a JSON key is a ValidationError naming the field', async () => {
    await assert.rejects(Person.create(person(1, { nickname: NUL })), refused(['nickname']));
    await assert.rejects(Person.create(person(2, { address: { city: NUL } })), refused(['address']));
    await assert.rejects(Person.create(person(3, { address: { deep: [{ deeper: [NUL] }] } } as never)), refused(['address']));
    await assert.rejects(Person.create(person(4, { address: { [NUL]: 'x' } } as never)), refused(['address']));
    await assert.rejects(Person.create({ ...person(5), id: NUL }), refused(['id']));
    assert.equal(await Person.count(), 0, 'nothing was written');
  });

  it('insertMany, updateMany and save() refuse a NUL byte too, and write nothing', async () => {
    await assert.rejects(Person.insertMany([person(1), person(2, { nickname: NUL })]), refused(['1.nickname']));
    assert.equal(await Person.count(), 0);
    const kept = await Person.create(person(3, { nickname: 'kept' }));
    await assert.rejects(Person.updateMany({}, { nickname: NUL }), refused(['nickname']));
    await assert.rejects(Person.updateMany({}, { address: { list: ['ok', NUL] } as never }), refused(['address']));
    kept.nickname = NUL;
    await assert.rejects(kept.save(), refused(['nickname']));
    assert.equal((await Person.findById(kept.id))!.nickname, 'kept');
  });

  it('other hostile strings are stored exactly: unicode, astral characters, 1 MB in an unindexed column, odd keys', async () => {
    const big = 'é𝄞'.repeat(1 << 18);
    const p = await Person.create(person(1, { nickname: 'ação 🌱 \u200b\t\n', address: { city: big, ['__proto__']: 'x', '': 1, constructor: 2 } as never }));
    const found = (await Person.findById(p.id))!;
    assert.equal(found.nickname, 'ação 🌱 \u200b\t\n');
    assert.equal((found.address as Record<string, unknown>).city, big);
    assert.deepEqual(Object.keys(found.address!).sort(), ['', '__proto__', 'city', 'constructor']);
  });

  it("JSON keys with '.' or a leading '$' are stored exactly, or refused with a ValidationError where the backend cannot", async () => {
    for (const key of ['a.b', '.', '$where']) {
      const address = { [key]: { inner: 1 } } as never;
      const outcome = await Person.create(person(1, { address })).catch((e: unknown) => e);
      if (outcome instanceof Person) {
        assert.deepEqual((await Person.findById(outcome.id))!.address, address);
        await outcome.delete();
      } else {
        refused(['address'])(outcome);
        assert.equal(await Person.count(), 0);
      }
    }
  });

  it('a lone UTF-16 surrogate is refused rather than silently replaced', async () => {
    await assert.rejects(Person.create(person(1, { nickname: 'x\uD800y' })), refused(['nickname']));
    assert.equal(await Person.count(), 0);
  });

  it('every date from year 0001 to 9999 reads back exactly, in a column and through filters and sorting', async () => {
    const people = await Person.insertMany(EDGE_DATES.map((d, i) => person(i, { born: iso(d) })));
    for (const p of people) {
      const found = (await Person.findById(p.id))!;
      assert.equal(found.born!.toISOString(), p.born!.toISOString());
    }
    const sorted = await Person.findMany({}, { orderBy: { born: 'asc' } });
    assert.deepEqual(sorted.map((p) => p.born!.toISOString()), [...EDGE_DATES].sort());
    const early = await Person.findMany({ born: { $lt: iso('0100-01-01T00:00:00Z') } }, { orderBy: { born: 'asc' } });
    assert.deepEqual(early.map((p) => p.born!.toISOString()), EDGE_DATES.slice(0, 3));
    assert.equal(await Person.count({ born: iso('0001-01-01T00:00:00Z') }), 1);
  });

  it('insertMany stores every kind of value exactly as create does (bulk statements differ from the one-row one)', async () => {
    const hostile = 'quote \' double " backslash \\ tab \t newline \n {braces} [brackets], comma é𝄞 \u200b';
    const values: Partial<Person>[] = [
      { score: 5e-324, born: iso('0001-01-01T00:00:00.000Z'), balance: '-0.000000000000000000000000000001', address: null, nickname: hostile },
      { score: -1.7976931348623157e308, born: iso('9999-12-31T23:59:59.999Z'), balance: '12345678901234567890.123456789', address: { city: hostile, zip: '' } },
      { score: 0.1 + 0.2, born: iso('1969-12-31T23:59:59.999Z'), balance: '0', address: 'a json string' as never, active: false, age: 2147483647 },
      { score: null, born: null, balance: null, address: [1, 'two', [null], { three: true }] as never, nickname: null, age: 0 },
      { score: 1e21, address: { city: null, floor: -0.5 }, nickname: '', secretNote: 'x' },
    ];
    const created: Person[] = [];
    for (const [i, v] of values.entries()) created.push(await Person.create(person(i, v)));
    const inserted = await Person.insertMany(values.map((v, i) => person(100 + i, v)));
    for (const [i, v] of values.entries()) {
      const a = (await Person.findById(created[i]!.id))!;
      const b = (await Person.findById(inserted[i]!.id))!;
      for (const key of ['age', 'score', 'active', 'born', 'address', 'balance', 'nickname', 'secretNote'] as const) {
        assert.deepEqual(b[key], a[key], `row ${i} ${key}`);
        if (key in v) assert.deepEqual(b[key], v[key], `row ${i} ${key} as given`);
      }
    }
  });

  it('dates no backend stores exactly are a ValidationError naming the field, and nothing is written', async () => {
    const beyond = [new Date(8.64e15), iso('+010000-01-01T00:00:00Z'), iso('0000-12-31T23:59:59.999Z'), new Date(-8.64e15), new Date(Number.NaN)];
    for (const born of beyond) await assert.rejects(Person.create(person(1, { born })), refused(['born']));
    const p = await Person.create(person(2));
    await assert.rejects(Person.updateMany({}, { born: new Date(8.64e15) }), refused(['born']));
    p.born = iso('+010000-01-01T00:00:00Z');
    await assert.rejects(p.save(), refused(['born']));
    assert.equal((await Person.findById(p.id))!.born, null);
    assert.equal(await Person.count(), 1);
  });
};
