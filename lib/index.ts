import 'reflect-metadata';

export { DatabaseFactory } from './database/database-factory';
export { Database } from './database/database';
export type { DatabaseConfig } from './database/config';
export type { DatabaseCache } from './cache/database-cache';
export type { CacheConfig } from './cache/cache-config';
export type { CacheStats } from './cache/cache-stats';
export type { TransactionOptions } from './database/transaction-options';
export type { ReadFrom } from './drivers/routing/read-scope';

export { Model, Field, Index, Unique, Version, BeforeSave, AfterSave, BeforeDelete, AfterDelete, AfterLoad } from './metadata/decorators';
export type { FieldOptions, FieldType, IndexOptions, CompoundIndex, ModelOptions, ModelCacheOptions } from './metadata/types';

export { BaseModel } from './model/base-model';
export type { FindOptions, FindByIdOptions } from './model/base-model';
export { BelongsTo, HasMany, HasOne } from './relations';
export type { RelationKind, RelationOptions } from './relations';
export { Timestamped, SoftDelete } from './model/mixins';
export { MongoModel, SQLModel, TimestampedModel, SoftDeleteModel } from './model/ready-made';
export type { AnyModelClass, TimestampedMembers, SoftDeleteMembers } from './model/mixins';
export type { ModelData, DataKeys } from './model/model-types';

export { Query } from './query/query';
export type { Page, FieldPath } from './query/query';
export type { CursorPage, CursorPageArgs } from './query/keyset';
export { configureCursorSecret } from './query/cursor-token';
export type { Filter, OrderBy } from './query/filter-types';
export type { WhereOperator } from './query/where-operators';

export {
  EssenciaError,
  ConfigError,
  ConnectionError,
  ValidationError,
  NotFoundError,
  UniqueConstraintError,
  OptimisticLockError,
  QueryError,
  TransactionError,
  EncryptionError,
  ModelNotRegisteredError,
  MigrationError,
} from './errors';
export type { FieldErrors } from './errors';

export type { FieldCodec, CodecContext, CompanionSpec } from './codec/field-codec';
export type { Driver, DriverCapabilities } from './drivers/driver';

export * from './validation';
export {
  EncryptedCPF,
  EncryptedCNPJ,
  EncryptedRG,
  EncryptedMedicalData,
  EncryptedStr,
  configureEncryption,
  resetEncryption,
  hasEncryptionKey,
  generateEncryptionKey,
  createEncryptedCodec,
  blindIndexesForAllKeys,
} from './codec/encryption';
export type {
  EncryptedDocumentOptions,
  EncryptedMedicalDataOptions,
  EncryptedStrOptions,
  Exposure,
  EncryptionConfig,
  EncryptedCodecOptions,
  EncryptedFieldCodec,
} from './codec/encryption';

export { copyData } from './copy/copy-data';
export { Migrations } from './migrate/migrations';
export type { DownOptions, GenerateOptions, GenerateResult, MigrationOptions, MigrationProgress, MigrationStatus, UpOptions } from './migrate/migrations';
export type { MigrationPlan } from './migrate/plan';
export type { PlannedStep, Safety, Step } from './migrate/steps';
export { backfillField, encryptField } from './migrate/data-steps';
export type { CopyOptions, CopyReport, ModelCopy, ModelVerification } from './copy/copy-types';
export { rotateKeys } from './cli/rotate';
export type { RotateOptions, RotationReport, ModelRotation, RotationFailure } from './cli/rotate';
