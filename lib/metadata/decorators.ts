import { ConfigError } from '../errors';
import { declareField, declareHook, declareModel } from './declarations';
import { registerModelClass } from './registry';
import type { FieldOptions, HookName, IndexOptions, ModelOptions } from './types';

type PropertyDecorator = (target: object, property: string | symbol) => void;

function designType(target: object, property: string): unknown {
  const reflect = Reflect as unknown as { getMetadata?: (key: string, target: object, property: string) => unknown };
  return reflect.getMetadata?.('design:type', target, property);
}

function propertyName(target: object, property: string | symbol, decorator: string): string {
  if (typeof property !== 'string') {
    throw new ConfigError(`@${decorator} on ${target.constructor.name}: symbol properties cannot be stored`);
  }
  return property;
}

/**
 * Declares a model class and the database it lives in.
 *
 * @example
 * @Model({ database: 'pg_main', collection: 'appointments' })
 * class Appointment extends BaseModel { @Field() doctorName!: string; }
 */
export function Model(options: ModelOptions): ClassDecorator {
  return (target) => {
    if (!options || typeof options.database !== 'string' || options.database.length === 0) {
      throw new ConfigError(`@Model on ${target.name}: options.database must name a database`);
    }
    declareModel(target, options);
    registerModelClass(options.database, target);
  };
}

/**
 * Declares a stored field. The type comes from TypeScript (`emitDecoratorMetadata`) or `options.type`.
 *
 * @example
 * @Field({ type: 'int' }) priceCents = 0;
 */
export function Field(options: FieldOptions = {}): PropertyDecorator {
  return (target, property) => {
    const name = propertyName(target, property, 'Field');
    declareField(target.constructor, name, { field: options, designType: designType(target, name) });
  };
}

/**
 * Declares a (non-unique) index on a field.
 *
 * @example
 * @Field() @Index() patientId!: string;
 */
export function Index(options: IndexOptions = {}): PropertyDecorator {
  return (target, property) => {
    declareField(target.constructor, propertyName(target, property, 'Index'), { index: options });
  };
}

/**
 * Declares a unique index on a field. A duplicate write fails with `UniqueConstraintError`.
 *
 * @example
 * @Field() @Unique() email!: string;
 */
export function Unique(options: IndexOptions = {}): PropertyDecorator {
  return (target, property) => {
    declareField(target.constructor, propertyName(target, property, 'Unique'), { unique: options });
  };
}

/**
 * Declares the optimistic-lock counter, an `int` field set to 1 on insert. `save()`, `delete()`, `restore()` and
 * `forceDelete()` of a loaded instance write only if the stored version is still the one loaded (one conditional
 * statement) and bump it; otherwise they throw `OptimisticLockError` and write nothing. `updateMany()` and key
 * rotation neither check nor bump it.
 *
 * @example
 * @Version() version!: number;
 */
export function Version(): PropertyDecorator {
  return (target, property) => {
    declareField(target.constructor, propertyName(target, property, 'Version'), { field: { type: 'int' }, version: true });
  };
}

function hook(name: HookName, decorator: string): () => MethodDecorator {
  return () => (target, property) => {
    declareHook(target.constructor, name, propertyName(target, property, decorator));
  };
}

/** Runs the method before every insert or update (inside the write's transaction). */
export const BeforeSave = hook('beforeSave', 'BeforeSave');
/** Runs the method after every insert or update (inside the write's transaction). */
export const AfterSave = hook('afterSave', 'AfterSave');
/** Runs the method before `delete()` / `forceDelete()`. */
export const BeforeDelete = hook('beforeDelete', 'BeforeDelete');
/** Runs the method after `delete()` / `forceDelete()`. */
export const AfterDelete = hook('afterDelete', 'AfterDelete');
/** Runs the method after an instance is loaded from the database. */
export const AfterLoad = hook('afterLoad', 'AfterLoad');
