// Compile-only checks of the public types: `npm test` runs `tsc -p spec/types` and fails on any error here,
// including an `@ts-expect-error` that no longer finds an error.
import { BaseModel, Field, Model, SoftDelete, Timestamped, type CursorPage, type Filter, type Page } from '../../lib';

@Model({ database: 'types_only' })
class Appointment extends SoftDelete(Timestamped(BaseModel)) {
  @Field() patientId!: string;
  @Field({ type: 'int' }) priceCents = 0;
  @Field() appointmentDate!: Date;

  label(): string {
    return `${this.patientId}@${this.appointmentDate.toISOString()}`;
  }
}

@Model({ database: 'types_only' })
class Payment extends Timestamped(SoftDelete(BaseModel)) {
  @Field({ type: 'int' }) amountCents!: number;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => undefined;

export async function checks(): Promise<void> {
  const a = await Appointment.create({ patientId: 'p', appointmentDate: new Date() });
  expectType<Equal<typeof a, Appointment>>(true);

  const saved = await a.save();
  expectType<Equal<typeof saved, Appointment>>(true);
  saved.label();

  expectType<Equal<typeof a.deletedAt, Date | null>>(true);
  expectType<Equal<typeof a.createdAt, Date>>(true);
  expectType<Equal<typeof a.updatedAt, Date>>(true);
  expectType<Equal<Awaited<ReturnType<typeof a.restore>>, Appointment>>(true);

  const p = await Payment.findById('x');
  expectType<Equal<typeof p, Payment | null>>(true);
  expectType<Equal<typeof p extends null ? never : NonNullable<typeof p>['deletedAt'], Date | null>>(true);

  const many = await Appointment.findMany({ priceCents: { $gte: 100 } }, { orderBy: { appointmentDate: 'desc' }, limit: 5 });
  expectType<Equal<typeof many, Appointment[]>>(true);

  const page = await Appointment.query().where('priceCents', '>', 10).orderBy('appointmentDate').paginate({ page: 1, perPage: 10 });
  expectType<Equal<typeof page, Page<Appointment>>>(true);

  const keyset = await Appointment.query().orderBy('appointmentDate').cursorPage({ first: 10, after: page.items.length ? 'c' : null });
  expectType<Equal<typeof keyset, CursorPage<Appointment>>>(true);
  await Appointment.query().cursorPage({ last: 10, before: keyset.startCursor });
  // @ts-expect-error first goes with after, last with before
  await Appointment.query().cursorPage({ first: 10, before: keyset.startCursor });

  const first = await Appointment.query().first();
  expectType<Equal<typeof first, Appointment | null>>(true);

  for await (const item of Appointment.query().stream({ batchSize: 10 })) expectType<Equal<typeof item, Appointment>>(true);

  const inserted = await Payment.insertMany([{ amountCents: 1 }, { amountCents: 2 }]);
  expectType<Equal<typeof inserted, Payment[]>>(true);

  const filter: Filter<Appointment> = { $or: [{ patientId: 'a' }, { priceCents: { $in: [1, 2] } }], appointmentDate: { $lt: new Date() } };
  void filter;

  // @ts-expect-error unknown field
  await Appointment.findMany({ nope: 1 });
  // @ts-expect-error wrong value type for a field
  await Appointment.findMany({ priceCents: 'ten' });
  // @ts-expect-error methods are not data
  await Appointment.create({ label: 'x' });
  // @ts-expect-error unknown field to order by
  Appointment.query().orderBy('nope');
  // @ts-expect-error a filter is an object, not a string
  await Appointment.findMany('patientId');
  // @ts-expect-error a mixin member not on this model
  void (await Payment.create({ amountCents: 1 })).patientId;
}
