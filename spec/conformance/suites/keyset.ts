import assert from 'node:assert/strict';
import { beforeAll, it } from '@jest/globals';
import { configureCursorSecret, QueryError, type OrderBy } from '../../../lib';
import { reset, type Suite } from '../../support/conformance';
import { Patient } from '../../support/encryption-models';
import { Slot } from '../../support/models';

const ROWS = 1000;

/** Duplicate and null sort values in every key (absent too: `label` is left out of some rows). */
function slot(n: number): Partial<Slot> {
  return {
    n,
    rank: n % 7 === 0 ? null : n % 13,
    ...(n % 11 === 0 ? {} : { label: n % 23 === 0 ? null : `L${n % 17}` }),
    at: n % 5 === 0 ? null : new Date(Date.UTC(2030, 0, 1 + (n % 9))),
  };
}

const ids = (rows: Slot[]): string[] => rows.map((r) => r.id);
const isQueryError = (e: unknown): boolean => e instanceof QueryError;

/** Every page of `first` rows, following endCursor until hasNextPage is false. */
async function walk(order: OrderBy<Slot>, first: number, where: object = {}): Promise<{ ids: string[]; pages: number }> {
  const out: string[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const page = await Slot.query().where(where).orderBy(order).cursorPage({ first, after });
    assert.equal(page.hasPreviousPage, after !== null);
    out.push(...ids(page.items));
    if (!page.hasNextPage) return { ids: out, pages };
    assert.equal(page.items.length, first, 'only the last page is short');
    after = page.endCursor;
  }
}

/** Every page of `last` rows from the end, following startCursor until hasPreviousPage is false. */
async function walkBack(order: OrderBy<Slot>, last: number): Promise<string[]> {
  let out: string[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await Slot.query().orderBy(order).cursorPage({ last, before });
    assert.equal(page.hasNextPage, before !== null);
    out = [...ids(page.items), ...out];
    if (!page.hasPreviousPage) return out;
    assert.equal(page.items.length, last, 'only the first page is short');
    before = page.startCursor;
  }
}

export const keysetSuite: Suite = (ctx) => {
  beforeAll(async () => {
    await reset(ctx.main, Slot);
    await Slot.insertMany(Array.from({ length: ROWS }, (_, n) => slot(n)));
  });

  const orders: Array<[string, OrderBy<Slot>]> = [
    ['one key ascending (nulls first)', { rank: 'asc' }],
    ['one key descending (nulls last)', { rank: 'desc' }],
    ['two keys, mixed directions', { label: 'desc', at: 'asc' }],
    ['three keys, mixed directions', { at: 'desc', rank: 'asc', label: 'asc' }],
    ['the id itself, descending', { id: 'desc' }],
  ];
  for (const [name, order] of orders) {
    it(`walking every page yields each row once, in the order of the full query: ${name}`, async () => {
      const full = ids(await Slot.query().orderBy(order).execute());
      assert.equal(full.length, ROWS);
      const walked = await walk(order, 97);
      assert.equal(walked.pages, Math.ceil(ROWS / 97));
      assert.equal(new Set(walked.ids).size, ROWS, 'no row twice');
      assert.deepEqual(walked.ids, full);
      assert.deepEqual(await walkBack(order, 89), full, 'backward (last / before) too');
    });
  }

  it('pages a filtered query and a select(), and the page after the last one is empty', async () => {
    const where = { n: { $lt: 300 } };
    const full = ids(await Slot.query().where(where).orderBy({ at: 'asc', rank: 'desc' }).execute());
    assert.deepEqual((await walk({ at: 'asc', rank: 'desc' }, 40, where)).ids, full);

    const picked = await Slot.query().select('n').orderBy('label', 'desc').cursorPage({ first: 300 });
    assert.equal(picked.items.length, 300);
    const rest = await Slot.query().select('n').orderBy('label', 'desc').cursorPage({ first: ROWS, after: picked.endCursor });
    assert.deepEqual([rest.items.length, rest.hasNextPage], [ROWS - 300, false]);
    const beyond = await Slot.query().select('n').orderBy('label', 'desc').cursorPage({ first: 5, after: rest.endCursor });
    assert.deepEqual([beyond.items, beyond.endCursor, beyond.hasNextPage], [[], null, false]);
  });

  it('last / before gives the page before a cursor, in the query order', async () => {
    const order: OrderBy<Slot> = { label: 'asc', rank: 'desc' };
    const one = await Slot.query().orderBy(order).cursorPage({ first: 50 });
    const two = await Slot.query().orderBy(order).cursorPage({ first: 50, after: one.endCursor });
    const back = await Slot.query().orderBy(order).cursorPage({ last: 50, before: two.startCursor });
    assert.deepEqual(ids(back.items), ids(one.items));
    assert.deepEqual([back.hasPreviousPage, back.hasNextPage, back.startCursor, back.endCursor], [false, true, one.startCursor, one.endCursor]);
    const again = await Slot.query().orderBy(order).cursorPage({ first: 50, after: back.endCursor });
    assert.deepEqual(ids(again.items), ids(two.items));
  });

  it('a changed, foreign or malformed cursor is a QueryError', async () => {
    const page = await Slot.query().orderBy('rank').cursorPage({ first: 10 });
    const cursor = page.endCursor!;
    const [body, signature] = cursor.split('.') as [string, string];
    const values = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown[];
    const forged = `${Buffer.from(JSON.stringify([values[0], '0'])).toString('base64url')}.${signature}`;
    const flipped = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const bad of [forged, flipped, `${body}.`, body, 'not a cursor', '', `${cursor}.x`]) {
      await assert.rejects(Slot.query().orderBy('rank').cursorPage({ first: 10, after: bad }), isQueryError, bad);
    }
    await assert.rejects(Slot.query().orderBy('rank', 'desc').cursorPage({ first: 10, after: cursor }), isQueryError, 'another sort');
    await assert.rejects(Slot.query().orderBy('at').cursorPage({ first: 10, after: cursor }), isQueryError, 'another key');
    const next = await Slot.query().where({ n: { $gte: 0 } }).orderBy('rank').cursorPage({ first: 10, after: cursor });
    assert.equal(next.items.length, 10, 'a filter may change between pages; the sort may not');
  });

  it('a cursor signed with another secret is refused', async () => {
    configureCursorSecret('one secret');
    let cursor: string | null;
    try {
      cursor = (await Slot.query().orderBy('n').cursorPage({ first: 3 })).endCursor;
      assert.equal((await Slot.query().orderBy('n').cursorPage({ first: 3, after: cursor })).items[0]!.n, 3);
      configureCursorSecret('another secret');
      await assert.rejects(Slot.query().orderBy('n').cursorPage({ first: 3, after: cursor }), isQueryError);
    } finally {
      configureCursorSecret(undefined);
    }
  });

  it('refuses a bad page size, limit/offset, json and encrypted sort keys', async () => {
    for (const first of [0, -1, 1.5, 10_001, Number.NaN, '5' as unknown as number]) {
      await assert.rejects(Slot.query().cursorPage({ first }), isQueryError, String(first));
    }
    for (const args of [{ first: 5, last: 5 }, { first: 5, before: 'x' }, { last: 5, after: 'x' }, { last: 0 }, {}]) {
      await assert.rejects(Slot.query().cursorPage(args as never), isQueryError, JSON.stringify(args));
    }
    await assert.rejects(Slot.query().limit(5).cursorPage({ first: 5 }), isQueryError);
    await assert.rejects(Slot.query().offset(5).cursorPage({ first: 5 }), isQueryError);
    await assert.rejects(Slot.query().orderBy('extra').cursorPage({ first: 5 }), isQueryError);
    await assert.rejects(Slot.query().orderBy('extra.a' as 'extra').cursorPage({ first: 5 }), isQueryError);
    assert.throws(() => Patient.query().orderBy('cpf').cursorPage({ first: 5 }), isQueryError);
    assert.equal((await Slot.query().cursorPage({ first: ROWS })).items.length, ROWS, 'no orderBy: the id order');
  });
};
