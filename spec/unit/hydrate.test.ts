import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, Field, Model } from '../../lib';
import { hydrate } from '../../lib/model/hydrate';
import { modelMeta } from '../../lib/metadata/model-meta';
import { stateOf } from '../../lib/model/instance-state';

@Model({ database: 'hydrate_db', collection: 'hydrate_visits' })
class Visit extends BaseModel {
  @Field() room!: string;
  @Field({ type: 'int' }) minutes = 30;
  @Field() at!: Date;
}

@Model({ database: 'hydrate_db', collection: 'hydrate_labels' })
class Labelled extends BaseModel {
  @Field() label!: string;
}

/** Every value the accessor below was given, in order. */
const labelsSet: unknown[] = [];
const labels = new WeakMap<object, unknown>();
Object.defineProperty(Labelled.prototype, 'label', {
  get(this: object) {
    return labels.get(this);
  },
  set(this: object, value: unknown) {
    labelsSet.push(value);
    labels.set(this, value);
  },
  configurable: true,
});

describe('hydrated instances', () => {
  it("are the model's own: its prototype and constructor, the fields in declaration order, no initializer run", async () => {
    const at = new Date('2026-11-30T10:00:00Z');
    const rows = [
      { id: 'v1', room: 'A', minutes: 45, at },
      { id: 'v2', room: 'B', minutes: null, at: null },
    ];
    const [first, second] = (await hydrate<Visit>(modelMeta(Visit), rows)) as Visit[];
    for (const visit of [first!, second!]) {
      assert.ok(visit instanceof Visit);
      assert.equal(Object.getPrototypeOf(visit), Visit.prototype);
      assert.equal(visit.constructor, Visit);
      assert.deepEqual(Object.keys(visit), ['id', 'room', 'minutes', 'at']);
      assert.equal(stateOf(visit)?.persisted, true);
    }
    assert.deepEqual([first!.id, first!.room, first!.minutes, first!.at.getTime()], ['v1', 'A', 45, at.getTime()]);
    assert.deepEqual([second!.room, second!.minutes, second!.at], ['B', null, null], 'a null stays null: the initializer (30) does not run');
    second!.room = 'C';
    assert.equal(first!.room, 'A', 'instances share nothing');
  });

  it('a field the prototype turns into an accessor is set once, through its setter, with the loaded value', async () => {
    labelsSet.length = 0;
    const [loaded] = (await hydrate<Labelled>(modelMeta(Labelled), [{ id: 'l1', label: 'urgent' }])) as Labelled[];
    assert.deepEqual(labelsSet, ['urgent']);
    assert.equal(loaded!.label, 'urgent');
    assert.ok(loaded instanceof Labelled);
  });
});
