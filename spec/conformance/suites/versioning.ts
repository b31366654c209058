import assert from 'node:assert/strict';
import { beforeEach, it } from '@jest/globals';
import { NotFoundError, OptimisticLockError } from '../../../lib';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { countCalls, reset, type Suite } from '../../support/conformance';
import { Ticket } from '../../support/models';

const TITLE = 'a title that must not show in errors';

/** The stored version, read past the model layer (soft-deleted rows too). */
async function storedVersion(ctx: Parameters<Suite>[0], id: string): Promise<unknown> {
  const meta = modelMeta(Ticket);
  const row = await ctx.main.driver.findById(meta, id, undefined);
  return row?.[meta.version!.column];
}

async function twoCopies(): Promise<[Ticket, Ticket]> {
  const created = await Ticket.create({ title: TITLE, seats: 1 });
  return [(await Ticket.findById(created.id))!, (await Ticket.findById(created.id))!];
}

function assertStale(error: unknown, id: string): true {
  assert.ok(error instanceof OptimisticLockError, `expected OptimisticLockError, got ${String(error)}`);
  assert.equal(error.model, 'Ticket');
  assert.equal(error.code, 'OPTIMISTIC_LOCK');
  assert.ok(error.message.includes(id), 'the message names the id');
  assert.ok(!error.message.includes(TITLE), 'the message holds no value');
  return true;
}

export const versioningSuite: Suite = (ctx) => {
  beforeEach(() => reset(ctx.main, Ticket));

  it('a new row starts at version 1 and every save that writes bumps it (in the row and on the instance)', async () => {
    const t = await Ticket.create({ title: TITLE, seats: 1, version: 41 });
    assert.equal(t.version, 1, 'insert sets 1 whatever the instance held');
    assert.equal(await storedVersion(ctx, t.id), 1);
    t.seats = 2;
    await t.save();
    assert.equal(t.version, 2);
    await t.save();
    assert.equal(t.version, 2, 'a save with nothing changed writes nothing');
    t.seats = 3;
    await t.save();
    assert.equal(await storedVersion(ctx, t.id), 3);
    assert.deepEqual([(await Ticket.findById(t.id))!.seats, (await Ticket.findById(t.id))!.version], [3, 3]);
  });

  it('a save is one conditional update and no lookup', async () => {
    const t = await Ticket.create({ title: TITLE });
    const updates = countCalls(ctx.main, 'updateMany');
    const byId = countCalls(ctx.main, 'updateById');
    const lookups = countCalls(ctx.main, 'findById');
    try {
      t.seats = 9;
      await t.save();
    } finally {
      updates.restore();
      byId.restore();
      lookups.restore();
    }
    assert.deepEqual([updates.calls.length, byId.calls.length, lookups.calls.length], [1, 0, 0]);
  });

  it('of two instances loaded from one row, the second save throws OptimisticLockError and the row keeps the first change', async () => {
    const [first, second] = await twoCopies();
    first.seats = 10;
    await first.save();
    second.seats = 20;
    second.title = 'overwritten';
    await assert.rejects(second.save(), (e) => assertStale(e, second.id));
    assert.equal(second.version, 1, 'a failed save leaves the instance version alone');
    const stored = (await Ticket.findById(first.id))!;
    assert.deepEqual([stored.seats, stored.title, stored.version], [10, TITLE, 2]);
    await second.reload();
    second.seats = 20;
    await second.save();
    assert.deepEqual([(await Ticket.findById(first.id))!.seats, second.version], [20, 3], 'after reload it saves');
  });

  it('delete, forceDelete and restore of a stale instance throw and change nothing', async () => {
    const [first, second] = await twoCopies();
    first.seats = 5;
    await first.save();
    await assert.rejects(second.delete(), (e) => assertStale(e, second.id));
    await assert.rejects(second.forceDelete(), (e) => assertStale(e, second.id));
    const stored = (await Ticket.findById(first.id))!;
    assert.deepEqual([stored.seats, stored.deletedAt, stored.version], [5, null, 2], 'not deleted, not stamped');

    await first.delete();
    assert.equal(first.version, 3, 'a soft delete is a versioned write');
    await assert.rejects(second.restore(), (e) => assertStale(e, second.id));
    assert.equal(await Ticket.findById(first.id), null, 'still deleted');
    await first.restore();
    await first.forceDelete();
    assert.equal(await Ticket.query().withDeleted().count(), 0);
  });

  it('a row that is gone is NotFoundError, not a stale instance', async () => {
    const [first, second] = await twoCopies();
    await first.forceDelete();
    second.seats = 3;
    await assert.rejects(second.save(), (e) => e instanceof NotFoundError && !(e instanceof OptimisticLockError));
    await assert.rejects(second.forceDelete(), NotFoundError);
  });

  it('updateMany neither checks nor bumps the version', async () => {
    const [first, second] = await twoCopies();
    assert.equal(await Ticket.updateMany({ id: first.id }, { seats: 7 }), 1);
    assert.equal(await storedVersion(ctx, first.id), 1);
    second.title = 'second';
    await second.save();
    const stored = (await Ticket.findById(first.id))!;
    assert.deepEqual([stored.seats, stored.title, stored.version], [7, 'second', 2]);
  });
};
