import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import {
  AfterLoad, BaseModel, BeforeSave, ConfigError, Field, Index, Model, ModelNotRegisteredError, SoftDelete, Timestamped, Unique,
} from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { defaultCollection } from '../../lib/metadata/naming';

abstract class Audited extends BaseModel {
  @Field() createdBy!: string;
  @BeforeSave() touch(): void {}
}

@Model({ database: 'meta_db' })
class PaymentMethod extends SoftDelete(Timestamped(Audited)) {
  @Field() @Index() kind!: string;
  @Field({ name: 'label_text', default: 'card' }) label!: string;
  @Field({ type: 'json', nullable: true }) extra?: Record<string, unknown> | null;
  @AfterLoad() loaded(): void {}
}

@Model({ database: 'meta_db', collection: 'cards' })
class Card extends PaymentMethod {
  @Field() @Unique() last4!: string;
}

class NotAModel extends BaseModel {
  @Field() x!: string;
}

describe('model metadata', () => {
  it('merges fields down the class chain: base, mixins, model, subclass', () => {
    const meta = modelMeta(Card);
    assert.deepEqual(
      meta.fields.map((f) => f.property),
      ['id', 'createdBy', 'createdAt', 'updatedAt', 'deletedAt', 'kind', 'label', 'extra', 'last4'],
    );
    assert.equal(meta.collection, 'cards');
    assert.ok(meta.timestamps && meta.softDelete);
    assert.deepEqual(meta.hooks.beforeSave, ['touch']);
    assert.deepEqual(meta.hooks.afterLoad, ['loaded']);
    assert.deepEqual(meta.indexes.map((i) => [i.name, i.fields, i.unique]), [
      ['cards_kind_idx', ['kind'], false],
      ['cards_last4_key', ['last4'], true],
    ]);
  });

  it('a parent model keeps only its own declarations', () => {
    const meta = modelMeta(PaymentMethod);
    assert.equal(meta.collection, 'payment_methods');
    assert.ok(!meta.byProperty.has('last4'));
  });

  it('infers types, columns, nullability and defaults', () => {
    const f = modelMeta(PaymentMethod).byProperty;
    assert.equal(f.get('kind')!.type, 'string');
    assert.equal(f.get('kind')!.column, 'kind');
    assert.equal(f.get('createdBy')!.column, 'created_by');
    assert.equal(f.get('label')!.column, 'label_text');
    assert.equal(f.get('label')!.nullable, true, 'a default makes a field optional');
    assert.equal(f.get('createdAt')!.type, 'date');
    assert.equal(f.get('deletedAt')!.nullable, true);
    assert.equal(f.get('extra')!.type, 'json');
  });

  it('default collection names are snake_case plurals', () => {
    assert.deepEqual(
      ['Patient', 'PaymentMethod', 'Category', 'Address', 'HTTPLog', 'Day'].map(defaultCollection),
      ['patients', 'payment_methods', 'categories', 'addresses', 'http_logs', 'days'],
    );
  });

  it('a class without its own @Model is a ModelNotRegisteredError, a kind of ConfigError', () => {
    assert.throws(() => modelMeta(NotAModel), (e: Error) => e instanceof ModelNotRegisteredError && e instanceof ConfigError && /NotAModel/.test(e.message));
    assert.throws(() => NotAModel.query(), ModelNotRegisteredError);
  });

  it('declaration mistakes are ConfigErrors naming class and field', () => {
    @Model({ database: 'meta_db' })
    class Ambiguous extends BaseModel {
      @Field() when!: Date | null;
    }
    assert.throws(() => modelMeta(Ambiguous), (e: Error) => e instanceof ConfigError && /Ambiguous\.when/.test(e.message) && /type/.test(e.message));

    @Model({ database: 'meta_db' })
    class IndexOnly extends BaseModel {
      @Index() name!: string;
    }
    assert.throws(() => modelMeta(IndexOnly), (e: Error) => e instanceof ConfigError && /IndexOnly\.name/.test(e.message));

    @Model({ database: 'meta_db' })
    class BadType extends BaseModel {
      @Field({ type: 'uuid' as never }) ref!: string;
    }
    assert.throws(() => modelMeta(BadType), (e: Error) => e instanceof ConfigError && /BadType\.ref/.test(e.message));

    @Model({ database: 'meta_db', indexes: [{ fields: ['missing'] }] })
    class BadIndex extends BaseModel {
      @Field() a!: string;
    }
    assert.throws(() => modelMeta(BadIndex), (e: Error) => e instanceof ConfigError && /missing/.test(e.message));

    assert.throws(() => Model({ database: '' })(class Empty {}), ConfigError);
  });

  it('fields need no reflect metadata when the type is given', () => {
    const declare = Field({ type: 'int' });
    @Model({ database: 'meta_db' })
    class Explicit extends BaseModel {
      count!: number;
    }
    declare(Explicit.prototype, 'count');
    assert.equal(modelMeta(Explicit).byProperty.get('count')!.type, 'int');
  });
});
