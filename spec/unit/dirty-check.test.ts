import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, Field, Model, Version } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { comparable } from '../../lib/model/instance-state';
import { changedFields, snapshotOf } from '../../lib/model/snapshot';

@Model({ database: 'dirty_check_db' })
class Tracked extends BaseModel {
  @Version() version!: number;
  @Field() name!: string;
  @Field({ type: 'string', nullable: true }) nickname?: string | null;
  @Field({ type: 'float' }) score!: number;
  @Field() bornAt!: Date;
  @Field({ type: 'json', nullable: true }) extra?: unknown;
}

const meta = modelMeta(Tracked);

function loaded(): Record<string, unknown> {
  return { id: 'id-1', version: 3, name: 'Ana', nickname: null, score: 1.5, bornAt: new Date(Date.UTC(1990, 4, 1)), extra: { a: [1] } };
}

/** What the dirty check must answer: the fields whose comparable value left the snapshot's, ids and version aside. */
function expected(instance: Record<string, unknown>, snapshot: readonly unknown[]): string[] {
  return meta.modelFields
    .filter((f, i) => !f.isId && f !== meta.version && comparable(instance[f.property]) !== snapshot[i])
    .map((f) => f.property);
}

const names = (instance: Record<string, unknown>, snapshot: readonly unknown[]) => changedFields(meta, instance, snapshot).map((f) => f.property);

describe('the compiled dirty check', () => {
  const cases: Array<[string, (o: Record<string, unknown>) => void]> = [
    ['nothing changed', () => undefined],
    ['a string', (o) => (o.name = 'Bia')],
    ['null to a value', (o) => (o.nickname = 'bi')],
    ['a value removed (undefined reads as null)', (o) => (o.nickname = undefined)],
    ['a number', (o) => (o.score = 2)],
    ['a Date changed in place', (o) => (o.bornAt as Date).setTime(0)],
    ['a new Date at the same instant', (o) => (o.bornAt = new Date(Date.UTC(1990, 4, 1)))],
    ['a JSON value changed in place', (o) => ((o.extra as { a: number[] }).a[0] = 2)],
    ['a JSON value replaced by an equal one', (o) => (o.extra = { a: [1] })],
    ['a value of the wrong type', (o) => (o.score = '1.5')],
    ['the id and version', (o) => ((o.id = 'other'), (o.version = 9))],
  ];
  for (const [name, change] of cases) {
    it(`agrees with comparable(): ${name}`, () => {
      const instance = loaded();
      const snapshot = snapshotOf(meta, instance);
      change(instance);
      assert.deepEqual(names(instance, snapshot), expected(instance, snapshot));
    });
  }

  it('names exactly the changed fields', () => {
    const instance = loaded();
    const snapshot = snapshotOf(meta, instance);
    instance.name = 'Bia';
    (instance.bornAt as Date).setTime(0);
    assert.deepEqual(names(instance, snapshot), ['name', 'bornAt']);
    assert.deepEqual(names(loaded(), snapshot), []);
  });
});
