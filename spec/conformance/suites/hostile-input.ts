import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import fc from 'fast-check';
import { EssenciaError } from '../../../lib';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { reset, type Suite } from '../../support/conformance';
import { HOSTILE_KEYS, hostileScalar, hostileValue, mostly, objectOf, withHostileKeys } from '../../support/hostile-arbitraries';
import { Person } from '../../support/models';
import { recordUncaught } from '../../support/uncaught';

const FIELDS = ['id', 'name', 'email', 'age', 'score', 'active', 'born', 'address', 'balance', 'nickname'];
const COMPARED = ['name', 'email', 'age', 'score', 'active', 'born', 'address', 'nickname'] as const;

const personData = withHostileKeys(
  fc.record(
    {
      name: mostly(fc.string({ minLength: 1, maxLength: 20 })),
      email: mostly(fc.uuid().map((u) => `${u}@example.com`)),
      age: mostly(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      score: mostly(fc.double({ noNaN: true, noDefaultInfinity: true })),
      active: mostly(fc.boolean()),
      born: mostly(fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })),
      address: mostly(fc.jsonValue({ maxDepth: 3 })),
      balance: mostly(fc.oneof(fc.integer().map(String), fc.constantFrom('1.50', '-0.001', '1e5', '0'))),
      nickname: mostly(fc.string({ unit: 'binary', maxLength: 30 })),
    },
    { requiredKeys: ['name', 'email'] },
  ),
);

/** Values a field may be compared with: mostly ones of its own type, sometimes anything. */
const validValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: -5, max: 100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
);

const fieldKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELDS, 'address.city', 'address.a.b') },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
);
const operator = fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex', '$like', '$ilike', '$not', '$where', '$foo');
const condition = fc.oneof(
  mostly(validValue),
  fc.tuple(operator, mostly(validValue)).map(([op, value]) => objectOf([[op, value]])),
  fc.array(mostly(validValue), { maxLength: 3 }).map((list) => ({ $in: list })),
);
const filter: fc.Arbitrary<unknown> = fc.letrec<{ filter: unknown }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 6, arbitrary: fc.array(fc.tuple(fieldKey, condition), { minLength: 1, maxLength: 3 }).map(objectOf) },
    { weight: 1, arbitrary: fc.array(tie('filter'), { maxLength: 2 }).map((list) => ({ $and: list })) },
    { weight: 1, arbitrary: fc.array(tie('filter'), { maxLength: 2 }).map((list) => ({ $or: list })) },
    { weight: 1, arbitrary: hostileValue },
  ),
})).filter;
const orderBy = fc.oneof(
  fc.constant(undefined),
  fc.tuple(fieldKey, fc.oneof(fc.constantFrom('asc', 'desc', 1, -1), hostileScalar)).map(([key, dir]) => objectOf([[key, dir]])),
  hostileValue,
);
const paging = mostly(fc.integer({ min: 0, max: 5 }));

const operation = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), data: fc.oneof({ weight: 5, arbitrary: personData }, { weight: 1, arbitrary: hostileValue }) }),
  fc.record({ kind: fc.constant('insertMany' as const), items: fc.oneof({ weight: 5, arbitrary: fc.array(personData, { maxLength: 3 }) }, { weight: 1, arbitrary: hostileValue }) }),
  fc.record({
    kind: fc.constant('updateMany' as const),
    filter,
    patch: fc.oneof(
      { weight: 4, arbitrary: fc.record({ age: mostly(fc.integer({ min: 0, max: 100 })), nickname: mostly(fc.string({ unit: 'binary' })), born: mostly(fc.date({ noInvalidDate: true })), address: mostly(fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: withHostileKeys(fc.record({ nickname: hostileValue }, { requiredKeys: [] })) },
    ),
  }),
  fc.record({ kind: fc.constant('findMany' as const), filter, orderBy, limit: paging, offset: paging }),
  fc.record({ kind: fc.constant('query' as const), filter, orderBy, limit: paging, offset: paging }),
);
type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never;

/** A value as every backend gives it back: dates by time, JSON through JSON (-0 is 0, key order ignored). */
const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.getTime() : value === undefined ? null : JSON.parse(JSON.stringify(value ?? null));

/** Runs one public entry point; returns the ids it created (none when it refused). */
async function run(op: Operation): Promise<string[]> {
  switch (op.kind) {
    case 'create': {
      const created = await Person.create(op.data as never);
      const found = await Person.findById(created.id);
      assert.ok(found, 'an accepted create is readable');
      for (const field of COMPARED) assert.deepEqual(comparable(found[field]), comparable(created[field]), `${field} reads back as written`);
      return [created.id];
    }
    case 'insertMany':
      return (await Person.insertMany(op.items as never)).map((p) => p.id);
    case 'updateMany':
      await Person.updateMany(op.filter as never, op.patch as never);
      return [];
    case 'findMany': {
      const options = objectOf([['orderBy', op.orderBy], ['limit', op.limit], ['offset', op.offset]].filter(([, v]) => v !== undefined) as [string, unknown][]);
      for (const p of await Person.findMany(op.filter as never, options as never)) assert.ok(p instanceof Person);
      return [];
    }
    case 'query': {
      let query = Person.query().where(op.filter as never);
      if (op.orderBy !== undefined) query = query.orderBy(op.orderBy as never);
      if (op.limit !== undefined) query = query.limit(op.limit as never);
      if (op.offset !== undefined) query = query.offset(op.offset as never);
      await query.execute();
      return [];
    }
  }
}

/**
 * Hostile input through the public entry points: only EssenciaErrors escape, nothing crashes the process, accepted
 * values read back as written, and the table holds exactly the rows that were accepted. Fixed seed, bounded runs.
 */
export const hostileInputSuite: Suite = (ctx) => {
  const uncaught = recordUncaught();
  beforeEach(() => reset(ctx.main, Person));

  it('only EssenciaErrors escape, and the table holds exactly the accepted rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (ops) => {
        await reset(ctx.main, Person);
        const accepted = new Set<string>();
        for (const op of ops) {
          try {
            for (const id of await run(op)) accepted.add(id);
          } catch (error) {
            if (!(error instanceof EssenciaError)) throw error;
          }
        }
        const stored = await ctx.main.driver.find(modelMeta(Person), {});
        assert.deepEqual(stored.map((row) => row.id as string).sort(), [...accepted].sort());
        assert.deepEqual(uncaught, []);
      }),
      { seed: 20261129, numRuns: 150, endOnFailure: true },
    );
  });
};
