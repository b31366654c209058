import type { FieldCodec } from '../codec/field-codec';
import type { RelationMeta } from '../relations/relation-types';

/** Storage types a field can have. */
export type FieldType = 'string' | 'int' | 'float' | 'boolean' | 'date' | 'json' | 'decimal';

export const FIELD_TYPES: readonly FieldType[] = ['string', 'int', 'float', 'boolean', 'date', 'json', 'decimal'];

/** Options of `@Field()`. */
export interface FieldOptions {
  /** Storage type; inferred from the TypeScript type when omitted. */
  type?: FieldType;
  /** Whether null / absent is allowed. Default: false, or true when a `default` is given. */
  nullable?: boolean;
  /** Value used on insert when the property is undefined (a function is called per insert). */
  default?: unknown;
  /** Column / key name in the database. Default: the snake_case property name on SQL, the property name on MongoDB. */
  name?: string;
  /** The field's previous property (or column) name: `essencia migrate` renames it instead of dropping and adding. */
  renamedFrom?: string;
  /**
   * Most characters of an indexed or unique string on MySQL / MariaDB, whose indexes need a `VARCHAR(length)`
   * (default 255); longer values are refused. Ignored elsewhere.
   */
  length?: number;
}

/** Options of `@Index()` and `@Unique()`. */
export interface IndexOptions {
  name?: string;
}

/** A compound index declared with `@Model({ indexes: [...] })`. */
export interface CompoundIndex {
  fields: string[];
  unique?: boolean;
  name?: string;
}

/** Cache options of a model: `findById` and unique lookups are cached for `ttl` seconds (docs/cache.md). */
export interface ModelCacheOptions {
  ttl: number;
}

/** Options of `@Model()`. */
export interface ModelOptions {
  /** Name of the database (as given to `DatabaseFactory.createDatabase`). */
  database: string;
  /** Table / collection name. Default: snake_case plural of the class name. */
  collection?: string;
  /** A hand-written Drizzle table for SQL backends; columns are matched by property name. */
  table?: unknown;
  indexes?: CompoundIndex[];
  cache?: ModelCacheOptions;
  /** The previous table / collection (or class) name: `essencia migrate` renames it instead of dropping and creating. */
  renamedFrom?: string;
  /** Where reads of this model go when the database has replicas (overrides the database's `readFrom`). */
  readFrom?: 'primary' | 'replica';
  /**
   * The fields rows are distributed by (Citus, sharded MongoDB): unique indexes must start with them, writes by id
   * also filter by them, and `sync()` on Citus distributes the table by the first one.
   */
  shardKey?: string[];
  /** MongoDB: the read preference of this model's reads outside transactions (`'secondaryPreferred'`...). */
  readPreference?: string;
  /** MongoDB: the read concern level of this model's reads outside transactions (`'majority'`...). */
  readConcern?: string;
  /** MongoDB: the write concern of this model's writes outside transactions (`{ w: 'majority' }`...). */
  writeConcern?: { w?: number | 'majority'; j?: boolean; wtimeoutMS?: number };
}

export type HookName = 'beforeSave' | 'afterSave' | 'beforeDelete' | 'afterDelete' | 'afterLoad';
export const HOOK_NAMES: readonly HookName[] = ['beforeSave', 'afterSave', 'beforeDelete', 'afterDelete', 'afterLoad'];

/** A fully built field. */
export interface FieldMeta {
  /** Property on the model instance. */
  readonly property: string;
  /** Column / key name in the database (drivers may map `id` to their own primary key, e.g. `_id`). */
  readonly column: string;
  /** Type of the stored value (what the driver sees). */
  readonly type: FieldType;
  /** A SQL type to use instead of the default mapping (from a hand-written Drizzle table). */
  readonly sqlType?: string;
  /** `FieldOptions.length`: the VARCHAR length of an indexed string where the dialect needs one. */
  readonly length?: number;
  readonly nullable: boolean;
  readonly default?: unknown;
  readonly isId: boolean;
  /** Transforms plaintext to the stored form and back (encryption...). */
  readonly codec?: FieldCodec;
  /** A stored value computed from another field's plaintext (e.g. a blind index); not a model property. */
  readonly derivedFrom?: string;
  /** `@Field({ renamedFrom })`: the previous property or column name (migrations). */
  readonly renamedFrom?: string;
}

/** A built index. `fields` are property names. */
export interface IndexMeta {
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
}

/** Everything essencia knows about a model class, built once from its decorators. */
export interface ModelMeta {
  readonly ctor: Function;
  readonly name: string;
  readonly collection: string;
  readonly database: string;
  readonly options: ModelOptions;
  /** All stored fields, `id` first; includes derived (hidden) fields. */
  readonly fields: readonly FieldMeta[];
  readonly byProperty: ReadonlyMap<string, FieldMeta>;
  readonly byColumn: ReadonlyMap<string, FieldMeta>;
  readonly id: FieldMeta;
  /** Fields that the model instance holds (all but derived ones). */
  readonly modelFields: readonly FieldMeta[];
  readonly derivedFields: readonly FieldMeta[];
  readonly hasCodecs: boolean;
  readonly indexes: readonly IndexMeta[];
  readonly hooks: Readonly<Record<HookName, readonly string[]>>;
  readonly timestamps?: { readonly createdAt: FieldMeta; readonly updatedAt: FieldMeta };
  readonly softDelete?: FieldMeta;
  /** Relations by property (not stored; filled by `populate`). */
  readonly relations: ReadonlyMap<string, RelationMeta>;
  /** The `@Version()` field: saves and deletes check it in their one conditional statement and bump it. */
  readonly version?: FieldMeta;
  /** The `shardKey` fields, in order (empty when the model has none). */
  readonly shardKey: readonly FieldMeta[];
  /** The kind of database the model insists on (MongoModel: 'document', SQLModel: 'sql'). */
  readonly databaseKind?: 'sql' | 'document';
}
