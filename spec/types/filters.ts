// Compile-only checks of the filter operators' types (`npm test` runs `tsc -p spec/types`).
import { BaseModel, Field, Model, type Filter } from '../../lib';

@Model({ database: 'types_only' })
class Patient extends BaseModel {
  @Field() name!: string;
  @Field({ type: 'float', nullable: true }) score?: number | null;
  @Field({ type: 'json', nullable: true }) tags?: string[] | null;
  @Field({ type: 'json', nullable: true }) visits?: Array<{ doctor: string; paid: boolean }> | null;
}

export const accepted: Filter<Patient>[] = [
  { tags: 'vip' },
  { tags: ['vip', 'new'] },
  { tags: { $size: 2, $all: ['vip', /^n/] } },
  { visits: { $elemMatch: { doctor: 'Ana', paid: false } } },
  { 'visits.doctor': { $in: ['Ana', /^bru/i] } },
  { 'visits.paid': { $exists: 0 } },
  { name: { $in: [/^jo/i, 'Ana'], $nin: [/x/] } },
  { name: { $regex: '^a b # c', $options: 'imx' } },
  { score: { $gte: null, $lt: Infinity } },
];

// @ts-expect-error $size only on json fields
export const sizeOnText: Filter<Patient> = { name: { $size: 1 } };
// @ts-expect-error $elemMatch only on json fields
export const elemMatchOnNumber: Filter<Patient> = { score: { $elemMatch: { $gt: 1 } } };
// @ts-expect-error a RegExp inside $in only on text
export const regexInNumbers: Filter<Patient> = { score: { $in: [/1/] } };
// @ts-expect-error $exists takes booleans, 0 or 1
export const existsTwo: Filter<Patient> = { score: { $exists: 2 } };
