import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeAll, it } from '@jest/globals';
import { BaseModel, Field, Model, QueryError, type Filter } from '../../../lib';
import { reset, type Suite } from '../../support/conformance';
import { FILTER_CASES, MISSING, type FilterCase } from '../../support/filter-cases';
import { describeFilter } from '../../support/filter-oracle';

/** One document of one case: `k` names the case, `i` the document's index in it. */
@Model({ database: 'main', collection: 'cf_filter_cases' })
export class CaseRow extends BaseModel {
  @Field() k!: string;
  @Field({ type: 'int' }) i!: number;
  @Field({ type: 'string', nullable: true }) s?: string | null;
  @Field({ type: 'float', nullable: true }) n?: number | null;
  @Field({ type: 'boolean', nullable: true }) b?: boolean | null;
  @Field({ type: 'json', nullable: true }) j?: unknown;
}

/** Where a case runs: inside a json field (`j.a`), on a top-level column, or on the json field itself. */
type Place = 'json path' | 'column' | 'json field';

const keysOf = (c: FilterCase) => Object.keys(c.filter);

function places(c: FilterCase): Place[] {
  const out: Place[] = ['json path'];
  if (c.column) out.push('column');
  if (c.jsonField ?? keysOf(c).every((k) => k === 'a')) out.push('json field');
  return out;
}

/** The filter with `a` renamed for the place: `j.a...`, the column, or `j...`. */
function rename(c: FilterCase, place: Place): Record<string, unknown> {
  const head = place === 'json path' ? 'j.a' : place === 'column' ? c.column! : 'j';
  return Object.fromEntries(Object.entries(c.filter).map(([k, v]) => [k === 'a' ? head : `${head}${k.slice(1)}`, v]));
}

function row(c: FilterCase, place: Place, i: number): Record<string, unknown> {
  const value = c.docs[i];
  const present = value !== MISSING;
  const k = `${place}: ${c.name}`;
  if (place === 'json path') return { k, i, j: present ? { a: value } : {} };
  if (place === 'column') return { k, i, [c.column!]: present ? value : null };
  return { k, i, j: present ? value : null };
}

/**
 * The filter conformance table (spec/support/filter-cases.ts) on this backend: every case inside a json field,
 * on a top-level column where it has one, and on a json field itself. A case that needs a capability the backend
 * lacks is not run there, and the reason is printed.
 */
export const filterCasesSuite: Suite = (ctx) => {
  beforeAll(async () => {
    await reset(ctx.main, CaseRow);
    const rows = FILTER_CASES.flatMap((c) => places(c).flatMap((place) => c.docs.map((_, i) => row(c, place, i))));
    await CaseRow.insertMany(rows);
  });

  for (const place of ['json path', 'column', 'json field'] as const) {
    it(`every case of the table, ${place === 'column' ? 'on top-level columns (null is absent)' : place === 'json path' ? 'inside a json field' : 'on a json field itself'}`, async () => {
      const failures: string[] = [];
      for (const c of FILTER_CASES.filter((x) => places(x).includes(place))) {
        if (c.needs && ctx.capabilities[c.needs] === false) {
          console.log(`# ${ctx.backend.name}: not run (capability ${c.needs} absent on this server): ${place}: ${c.name}`);
          continue;
        }
        const filter = rename(c, place);
        const expected = place === 'json path' ? c.expected : (c.expectedTop ?? c.expected);
        const found = await CaseRow.findMany({ $and: [{ k: `${place}: ${c.name}` }, filter] } as Filter<CaseRow>, { orderBy: { i: 'asc' } });
        const got = found.map((r) => r.i);
        if (got.join() !== expected.join()) {
          failures.push(`${c.name}\n    filter ${describeFilter(filter)}\n    expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
        }
      }
      assert.equal(failures.length, 0, `${ctx.backend.name}, ${place}: ${failures.length} case(s) differ from MongoDB:\n  ${failures.join('\n  ')}`);
    });
  }

  it('a NUL character in a value, a pattern, a list or a path is a QueryError, and nothing reaches the driver', async () => {
    const bad: Record<string, unknown>[] = [
      { s: 'a\u0000b' },
      { s: { $regex: 'a\u0000' } },
      { s: new RegExp('\u0000') },
      { s: { $in: ['x', '\u0000'] } },
      { s: { $ilike: '%\u0000%' } },
      { s: { $like: '\u0000' } },
      { 'j.a': 'a\u0000' },
      { 'j.a': ['x', 'a\u0000'] },
      { 'j.a\u0000b': 1 },
      { j: { $elemMatch: { a: '\u0000' } } },
    ];
    for (const filter of bad) {
      await assert.rejects(CaseRow.findMany(filter as Filter<CaseRow>), (e: unknown) => e instanceof QueryError && /NUL/.test(e.message), JSON.stringify(filter));
    }
  });

  it('±Infinity bound float fields', async () => {
    await reset(ctx.main, CaseRow);
    await CaseRow.insertMany([{ k: 'inf', i: 0, n: 1.5 }, { k: 'inf', i: 1, n: null }, { k: 'inf', i: 2, n: -1e308 }]);
    const ids = async (filter: Filter<CaseRow>) => (await CaseRow.findMany({ $and: [{ k: 'inf' }, filter] } as Filter<CaseRow>, { orderBy: { i: 'asc' } })).map((r) => r.i);
    assert.deepEqual(await ids({ n: { $lt: Infinity } }), [0, 2]);
    assert.deepEqual(await ids({ n: { $gt: -Infinity } }), [0, 2]);
    assert.deepEqual(await ids({ n: Infinity }), []);
    assert.deepEqual(await ids({ n: { $nin: [Infinity, -Infinity] } }), [0, 1, 2]);
    await assert.rejects(CaseRow.findMany({ 'j.a': Infinity } as Filter<CaseRow>), QueryError, 'json holds no Infinity');
  });
};
