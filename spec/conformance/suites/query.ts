import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { QueryError } from '../../../lib';
import { reset, type Suite } from '../../support/conformance';
import { heapAfterGc } from '../../support/heap';
import { Appointment, Event, Person } from '../../support/models';

const day = (n: number) => new Date(Date.UTC(2030, 0, n));

export const querySuite: Suite = (ctx) => {
  describe('builder', () => {
    beforeAll(async () => {
      await reset(ctx.main, Appointment);
      await Appointment.insertMany(
        Array.from({ length: 12 }, (_, i) => ({
          patientId: `p${i % 3}`,
          doctorName: i % 2 ? 'Dr. Odd' : 'Dr. Even',
          appointmentDate: day(i + 1),
          status: i < 8 ? 'scheduled' : 'done',
          priceCents: (i % 4) * 1000,
        })),
      );
    });

    it('where: object, field/op/value, field/value, and chaining ANDs', async () => {
      const q = Appointment.query().where({ status: 'scheduled' }).where('appointmentDate', '>=', day(3)).where('doctorName', 'Dr. Odd');
      assert.deepEqual((await q.orderBy('appointmentDate').execute()).map((a) => a.appointmentDate.getUTCDate()), [4, 6, 8]);
      assert.equal(await q.count(), 3);
      assert.equal(await Appointment.query().where('priceCents', 'in', [0, 3000]).count(), 6);
      assert.equal(await Appointment.query().where('status', '!=', 'done').count(), 8);
    });

    it('orderBy with several keys, limit and offset', async () => {
      const rows = await Appointment.query().orderBy('priceCents', 'desc').orderBy('appointmentDate').limit(4).offset(1).execute();
      assert.deepEqual(rows.map((a) => [a.priceCents, a.appointmentDate.getUTCDate()]), [[3000, 8], [3000, 12], [2000, 3], [2000, 7]]);
      const byObject = await Appointment.findMany({}, { orderBy: { priceCents: 'desc', appointmentDate: 'asc' }, limit: 2 });
      assert.deepEqual(byObject.map((a) => a.appointmentDate.getUTCDate()), [4, 8]);
    });

    it('first() returns one instance or null', async () => {
      assert.equal((await Appointment.query().orderBy('appointmentDate', 'desc').first())?.appointmentDate.getUTCDate(), 12);
      assert.equal(await Appointment.query().where({ status: 'nope' }).first(), null);
    });

    it('paginate gives items and totals', async () => {
      const page = await Appointment.query().orderBy('appointmentDate').paginate({ page: 3, perPage: 5 });
      assert.deepEqual(page.items.map((a) => a.appointmentDate.getUTCDate()), [11, 12]);
      assert.deepEqual([page.page, page.perPage, page.total, page.pages], [3, 5, 12, 3]);
      const unsorted = await Appointment.query().paginate({ page: 1, perPage: 5 });
      const rest = await Appointment.query().paginate({ page: 2, perPage: 5 });
      const last = await Appointment.query().paginate({ page: 3, perPage: 5 });
      const ids = new Set([...unsorted.items, ...rest.items, ...last.items].map((a) => a.id));
      assert.equal(ids.size, 12, 'pages without an order still cover every row once');
    });

    it('select() loads partial instances that refuse save()', async () => {
      const [a] = await Appointment.query().select('doctorName').orderBy('appointmentDate').limit(1).execute();
      assert.equal(a!.doctorName, 'Dr. Even');
      assert.equal(typeof a!.id, 'string');
      assert.equal(a!.priceCents, undefined);
      a!.doctorName = 'changed';
      await assert.rejects(a!.save(), QueryError);
    });

    it('queries are immutable', async () => {
      const base = Appointment.query().where({ status: 'done' });
      const narrowed = base.where({ patientId: 'p0' });
      assert.equal(await base.count(), 4);
      assert.equal(await narrowed.count(), 1);
    });

    it('bad builder input is a QueryError', () => {
      assert.throws(() => Appointment.query().limit(-1), QueryError);
      assert.throws(() => Appointment.query().offset(1.5), QueryError);
      assert.throws(() => Appointment.query().limit(1e20), QueryError, 'beyond a safe integer, a row count cannot be written exactly');
      assert.throws(() => Appointment.query().orderBy('nope' as never), QueryError);
      assert.throws(() => Appointment.query().select('nope' as never), QueryError);
      assert.throws(() => Appointment.query().where('status', 'between' as never, 1), QueryError);
      assert.throws(() => Appointment.query().where({ nope: 1 } as never), QueryError);
    });
  });

  describe('stream', () => {
    beforeEach(() => reset(ctx.main, Event, Person));
    afterAll(() => reset(ctx.main, Event));

    it('yields every row in batches and stops early without leaking the cursor', async () => {
      await Event.insertMany(Array.from({ length: 55 }, (_, i) => ({ seq: i, payload: `e${i}` })));
      const seen: number[] = [];
      for await (const e of Event.query().orderBy('seq').stream({ batchSize: 10 })) seen.push(e.seq);
      assert.deepEqual(seen, Array.from({ length: 55 }, (_, i) => i));
      let taken = 0;
      for await (const e of Event.query().orderBy('seq').stream({ batchSize: 7 })) {
        assert.ok(e instanceof Event);
        if (++taken === 3) break;
      }
      assert.equal(await Event.count(), 55, 'the database is usable after an early break');
    });

    it('streams 25,000 rows of 2 KB (50 MB) with bounded memory', async () => {
      const total = 25_000;
      // Few rows, large ones: what is bounded is bytes, and a slow server (the MongoDB stand-in) pays per row.
      const payload = 'x'.repeat(2_000);
      for (let start = 0; start < total; start += 5_000) {
        await Event.insertMany(Array.from({ length: 5_000 }, (_, i) => ({ seq: start + i, payload })), { batchSize: 5_000 });
      }
      const baseline = heapAfterGc();
      let peak = 0;
      let count = 0;
      let sum = 0;
      for await (const e of Event.query().stream({ batchSize: 1_000 })) {
        count += 1;
        sum += e.seq;
        if (count % 2_500 === 0) peak = Math.max(peak, heapAfterGc() - baseline);
      }
      assert.equal(count, total);
      assert.equal(sum, (total * (total - 1)) / 2);
      // Holding every row would take well over 50 MB (2,000-byte payload x 25,000); a bounded stream stays far below.
      assert.ok(peak < 24 * 1024 * 1024, `heap grew by ${(peak / 1048576).toFixed(1)} MB while streaming`);
    }, 600_000);
  });
};
