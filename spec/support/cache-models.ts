import 'reflect-metadata';
import { BaseModel, EncryptedCPF, EncryptedMedicalData, Field, Model, SoftDelete, Unique } from '../../lib';

/**
 * The cache suites' models, declared for one database. Called once per database: two databases sharing one
 * Redis (two "processes") get classes of the same name over the same tables, as two app processes would.
 */
export function cacheModels(database: string, collectionPrefix: string, ttl = 60) {
  @Model({ database, collection: `${collectionPrefix}_people`, cache: { ttl } })
  class CachedPerson extends BaseModel {
    @Field() name!: string;
    @Field() @Unique() email!: string;
    @Field({ type: 'int' }) visits = 0;
    @Field({ type: 'date', nullable: true }) seenAt?: Date | null;
    @Field({ type: 'json', nullable: true }) tags?: string[] | null;
  }

  /** Encrypted fields (a searchable unique CPF, medical data) and soft delete. */
  @Model({ database, collection: `${collectionPrefix}_records`, cache: { ttl } })
  class CachedRecord extends SoftDelete(BaseModel) {
    @Field() label!: string;
    @EncryptedCPF() @Unique() cpf!: string;
    @EncryptedMedicalData() @Field({ nullable: true }) history?: Record<string, unknown> | null;
  }

  /** No `cache` option: never cached. */
  @Model({ database, collection: `${collectionPrefix}_plain` })
  class UncachedNote extends BaseModel {
    @Field() text!: string;
  }

  return { CachedPerson, CachedRecord, UncachedNote };
}

export type CacheModels = ReturnType<typeof cacheModels>;
