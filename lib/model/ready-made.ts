import { declareTraits } from '../metadata/declarations';
import { BaseModel } from './base-model';
import { SoftDelete, Timestamped } from './mixins';

/**
 * A model that must live in MongoDB: using it with a SQL database is a ConfigError.
 *
 * @example
 * @Model({ database: 'mongodb_main' }) class Patient extends MongoModel { ... }
 */
export abstract class MongoModel extends BaseModel {}
declareTraits(MongoModel, { databaseKind: 'document' });

/**
 * A model that must live in a SQL database (PostgreSQL, PGlite): using it with MongoDB is a ConfigError.
 *
 * @example
 * @Model({ database: 'pg_main' }) class Payment extends SQLModel { ... }
 */
export abstract class SQLModel extends BaseModel {}
declareTraits(SQLModel, { databaseKind: 'sql' });

/** `Timestamped(BaseModel)`, ready-made. */
export abstract class TimestampedModel extends Timestamped(BaseModel) {}

/** `SoftDelete(Timestamped(BaseModel))`, ready-made: timestamps and soft delete. */
export abstract class SoftDeleteModel extends SoftDelete(Timestamped(BaseModel)) {}
