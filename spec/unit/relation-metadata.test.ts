import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, BelongsTo, ConfigError, Field, HasOne, Model } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { chunks, distinctKeys, KEYS_PER_QUERY } from '../../lib/relations/key-chunks';

describe('relation metadata', () => {
  it('relations are merged down the class chain and are not fields', () => {
    @Model({ database: 'relmeta', collection: 'relmeta_owners' })
    class Owner extends BaseModel {
      @Field() name!: string;
    }
    class Base extends BaseModel {
      @Field() ownerId!: string;
      @BelongsTo(() => Owner, { foreignKey: 'ownerId' }) owner?: Owner | null;
    }
    @Model({ database: 'relmeta', collection: 'relmeta_pets' })
    class Pet extends Base {
      @HasOne(() => Owner, { foreignKey: 'name' }) namesake?: Owner | null;
    }
    const meta = modelMeta(Pet);
    assert.deepEqual([...meta.relations.keys()], ['owner', 'namesake']);
    assert.equal(meta.relations.get('owner')!.target(), Owner);
    assert.equal(meta.byProperty.has('owner'), false);
    assert.deepEqual(meta.modelFields.map((f) => f.property), ['id', 'ownerId']);
  });

  it('a foreign key that is not a field, or a relation that is also a field, is a ConfigError', () => {
    @Model({ database: 'relmeta', collection: 'relmeta_a' })
    class NoKey extends BaseModel {
      @BelongsTo(() => NoKey, { foreignKey: 'parentId' }) parent?: NoKey | null;
    }
    assert.throws(() => modelMeta(NoKey), (e: unknown) => e instanceof ConfigError && /'parentId' is not a field of NoKey/.test(e.message));
    @Model({ database: 'relmeta', collection: 'relmeta_b' })
    class Both extends BaseModel {
      @Field() parentId!: string;
      @Field({ type: 'json', nullable: true }) @BelongsTo(() => Both, { foreignKey: 'parentId' }) parent?: Both | null;
    }
    assert.throws(() => modelMeta(Both), (e: unknown) => e instanceof ConfigError && /cannot also be a stored field/.test(e.message));
    assert.throws(() => BelongsTo(() => Both, { foreignKey: '' })(Both.prototype, 'other'), ConfigError);
  });

  it('keys are deduplicated, nulls skipped, and cut into lists under the per-query limit', () => {
    assert.deepEqual(distinctKeys(['a', null, 'b', undefined, 'a', 'c', 'b']), ['a', 'b', 'c']);
    const keys = Array.from({ length: KEYS_PER_QUERY * 2 + 1 }, (_, i) => `k${i}`);
    assert.deepEqual(chunks(keys).map((c) => c.length), [KEYS_PER_QUERY, KEYS_PER_QUERY, 1]);
    assert.deepEqual(chunks(keys).flat(), keys);
    assert.deepEqual(chunks([]), []);
  });
});
