import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, Field, Model, ValidationError } from '../../lib';
import { encodeFields } from '../../lib/codec/row-codec';
import { rowEncoder } from '../../lib/codec/row-encoder';
import { modelMeta } from '../../lib/metadata/model-meta';

@Model({ database: 'encoder_db' })
class Sample extends BaseModel {
  @Field() name!: string;
  @Field({ type: 'string', nullable: true }) nickname?: string | null;
  @Field({ type: 'int' }) age!: number;
  @Field({ type: 'float', name: 'score_value' }) score!: number;
  @Field() active!: boolean;
  @Field() bornAt!: Date;
  @Field({ type: 'decimal', nullable: true }) price?: string | null;
  @Field({ type: 'json', nullable: true }) extra?: unknown;
}

const meta = modelMeta(Sample);
const valid = { name: 'Ana', nickname: null, age: 30, score: 1.5, active: true, bornAt: new Date(Date.UTC(1990, 4, 1)), price: '10.50', extra: { a: [1, 'b'] } };

/** What the general path makes of `data`: its row, or its ValidationError's field errors. */
function outcome(encode: () => unknown): unknown {
  try {
    return { row: encode() };
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return { errors: error.errors };
  }
}

const general = (data: Record<string, unknown>) => outcome(() => encodeFields(meta, data, 'id-1', meta.modelFields));
const compiled = (data: Record<string, unknown>) => outcome(() => rowEncoder(meta)(data, 'id-1'));

describe('the compiled row encoder', () => {
  it('makes the same row as the general encoder, columns by their stored names', () => {
    const result = compiled(valid) as { row: Record<string, unknown> };
    assert.deepEqual(result, general(valid));
    assert.equal(result.row.id, 'id-1');
    assert.equal(result.row.score_value, 1.5);
  });

  it('stores -0 as 0 and numbers for decimals as text, as the general encoder does', () => {
    const data = { ...valid, age: -0, score: -0, price: 12 };
    const result = compiled(data) as { row: Record<string, unknown> };
    assert.deepEqual(result, general(data));
    assert.ok(Object.is(result.row.age, 0) && Object.is(result.row.score_value, 0));
    assert.equal(result.row.price, '12');
  });

  const misfits: Array<[string, unknown]> = [
    ['name', undefined], ['name', null], ['name', 42], ['name', 'a\u0000b'], ['name', 'lone \uD800'], ['name', new Date()],
    ['nickname', 7], ['age', 1.5], ['age', '30'], ['age', 2 ** 31], ['age', -(2 ** 31) - 1], ['age', Number.NaN],
    ['score', Number.POSITIVE_INFINITY], ['score', '1.5'], ['active', 1], ['active', 'true'], ['bornAt', '1990-05-01'],
    ['bornAt', new Date(Number.NaN)], ['bornAt', new Date(Date.UTC(10000, 0, 1))], ['bornAt', new Date(-62135596800001)],
    ['price', 'ten'], ['price', Number.NaN], ['extra', { when: new Date() }], ['extra', [1, () => 2]], ['extra', Number.NaN],
  ];

  it.each(misfits)('refuses %s = %p with the general encoder\'s ValidationError', (property, value) => {
    const data = { ...valid, [property]: value };
    const result = compiled(data) as { errors?: Record<string, string[]> };
    assert.ok(result.errors, `accepted ${property}`);
    assert.deepEqual(result, general(data));
  });

  it('lists every problem of a row, not only the first', () => {
    const data = { ...valid, name: 1, age: 'x', bornAt: null };
    const result = compiled(data) as { errors: Record<string, string[]> };
    assert.deepEqual(Object.keys(result.errors).sort(), ['age', 'bornAt', 'name']);
  });

  it('accepts the extreme dates every backend stores', () => {
    for (const ms of [-62135596800000, 253402300799999]) {
      const data = { ...valid, bornAt: new Date(ms) };
      assert.deepEqual(compiled(data), general(data));
    }
  });
});
