import assert from 'node:assert/strict';
import { beforeEach } from '@jest/globals';
import { ConfigError, DatabaseFactory } from '../../../lib';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { AuditEntry, Person } from '../../support/models';

const person = (n: number) => ({ name: `D${n}`, email: `d${n}@x.io`, age: 20 + n, balance: `${n}.50`, born: new Date(Date.UTC(1990, 0, n)) });

/** `db.drizzle`: Drizzle on essencia's own connection, bound to the current `db.transaction()`. */
export const drizzleSuite: Suite = (ctx) => {
  const sqlOnly = itIf(ctx.capabilities.sqlTables === true, 'capability sqlTables: absent (db.drizzle needs a SQL database)');
  beforeEach(() => reset(ctx.main, Person, AuditEntry));

  sqlOnly('selects, joins and aggregates over Model.table see what models wrote, with values as Drizzle maps them', async () => {
    const { eq, asc, count } = await import('drizzle-orm');
    const people = [await Person.create(person(1)), await Person.create(person(2))];
    await AuditEntry.create({ action: 'seen', subject: people[1]!.id });
    const db = ctx.main.drizzle;
    const p = Person.table;
    const a = AuditEntry.table;
    const rows = await db.select().from(p).where(eq(p.name, 'D2'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].email, 'd2@x.io');
    assert.equal(Number(rows[0].balance), 2.5);
    assert.equal(rows[0].born.getTime(), Date.UTC(1990, 0, 2));
    const joined = await db.select({ name: p.name, action: a.action, personId: p.id, auditId: a.id }).from(a).innerJoin(p, eq(p.id, a.subject));
    assert.equal(joined.length, 1);
    assert.equal(joined[0].name, 'D2');
    assert.equal(joined[0].action, 'seen');
    assert.notEqual(joined[0].auditId, joined[0].personId, 'columns of the same name in a join stay apart');
    const [{ n }] = await db.select({ n: count() }).from(p);
    assert.equal(Number(n), 2);
    const ordered = await db.select({ name: p.name }).from(p).orderBy(asc(p.age));
    assert.deepEqual(ordered.map((r: { name: string }) => r.name), ['D1', 'D2']);
  });

  sqlOnly('inside db.transaction() Drizzle and models commit together, or roll back together', async () => {
    const db = ctx.main.drizzle;
    const a = AuditEntry.table;
    await ctx.main.transaction(async () => {
      const created = await Person.create(person(3));
      await db.insert(a).values({ id: 'drizzle-audit-1', action: 'created', subject: created.id });
      const seen = await db.select().from(a);
      assert.equal(seen.length, 1, 'Drizzle reads the transaction it runs in');
    });
    assert.equal(await Person.count(), 1);
    assert.equal(await AuditEntry.count(), 1);

    const failure = new Error('roll back');
    await assert.rejects(
      ctx.main.transaction(async () => {
        await Person.create(person(4));
        await db.insert(a).values({ id: 'drizzle-audit-2', action: 'created', subject: 'x' });
        throw failure;
      }),
      (e) => e === failure,
    );
    assert.equal(await Person.count(), 1, 'the model write rolled back');
    assert.equal(await AuditEntry.count(), 1, 'the Drizzle write rolled back');
  });

  sqlOnly('a Drizzle write that breaks a unique index reaches the caller with essencia\'s UniqueConstraintError as a cause', async () => {
    const db = ctx.main.drizzle;
    await Person.create(person(5));
    const p = Person.table;
    const error = await db
      .insert(p)
      .values({ id: 'dup', name: 'x', email: 'd5@x.io', age: 1, active: true })
      .then(() => undefined, (e: unknown) => e);
    let cause: unknown = error;
    while (cause && !(cause instanceof Error && cause.name === 'UniqueConstraintError')) cause = (cause as { cause?: unknown }).cause;
    assert.ok(cause, `a UniqueConstraintError in the causes of ${String(error)}`);
  });

  itIf(ctx.capabilities.sqlTables !== true, 'SQL backend: db.drizzle exists')('db.drizzle on a document database is a ConfigError', () => {
    assert.throws(() => DatabaseFactory.getDatabase('main').drizzle, ConfigError);
  });
};
